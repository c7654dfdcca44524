# SPDX-License-Identifier: Apache-2.0
"""The API-side compute facade.

Names, image checks, ordering, and the undo of a failed create.
"""

import pytest

from nova_like.compute.api import servers as compute_api
from nova_like.compute.api import server_list
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from tests import factories
from tests import fake_network

IMAGE = {'id': 'd3c57398-867c-40ad-a6f3-8041fbf3740f', 'name': 'cirros',
         'status': 'active', 'size': 16338944, 'min_disk': 0, 'min_ram': 0,
         'disk_format': 'qcow2', 'container_format': 'bare',
         'properties': {'hw_disk_bus': 'scsi'}}


@pytest.mark.parametrize('name, hostname', [
    ('web server_1', 'web-server-1'),
    ('Ubuntu 20.04', 'ubuntu-20-04'),
    ('--x--', 'x'),
    ('ÄÖü', ''),
    ('a' * 80, 'a' * 63)])
def test_sanitize_hostname(name, hostname):
    assert compute_api.sanitize_hostname(name) == hostname


def test_sanitize_hostname_default():
    assert compute_api.sanitize_hostname('!!!', 'Server-1') == 'Server-1'


def test_image_must_fit_the_flavor():
    check = compute_api.API.check_image_fits_flavor
    check(IMAGE, factories.flavor())
    with pytest.raises(exception.FlavorMemoryTooSmall):
        check(dict(IMAGE, min_ram=1024), factories.flavor())
    with pytest.raises(exception.FlavorDiskSmallerThanMinDisk):
        check(dict(IMAGE, min_disk=2), factories.flavor())
    with pytest.raises(exception.FlavorDiskSmallerThanImage):
        check(dict(IMAGE, size=2 * 1024 ** 3), factories.flavor())
    # The image sizes a flavor without root disk.
    check(dict(IMAGE, min_disk=2), factories.flavor(root_gb=0))


def test_compare_orders_nulls_first_ascending():
    rows = [{'k': 2}, {'k': None}, {'k': 1}]
    import functools
    ordered = sorted(rows, key=functools.cmp_to_key(
        lambda a, b: server_list._compare(a, b, ['k'], ['asc'])))
    assert [r['k'] for r in ordered] == [None, 1, 2]
    ordered = sorted(rows, key=functools.cmp_to_key(
        lambda a, b: server_list._compare(a, b, ['k'], ['desc'])))
    assert [r['k'] for r in ordered] == [2, 1, None]


class _Images:
    def get_active(self, context, image_id):
        if image_id != IMAGE['id']:
            raise exception.ImageNotFound(image_id=image_id)
        return dict(IMAGE)


class _Conductor:
    def __init__(self, fail=False):
        self.fail = fail
        self.calls = []

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, tags=None):
        if self.fail:
            raise RuntimeError('broker down')
        self.calls.append((build_requests, request_specs, image, tags))


@pytest.fixture
def ctx(dbs):
    return nl_context.RequestContext(user_id='u', project_id='p',
                                     roles=['member'])


def _count(model):
    import sqlalchemy as sa
    from nova_like.db.api import database
    with database.reader() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_create_writes_and_casts_once(ctx):
    conductor = _Conductor()
    api = compute_api.API(network_api=fake_network.FakeNetwork(),
                          image_api=_Images(), compute_task_api=conductor)
    instances, reservation_id = api.create(
        ctx, factories.flavor(), IMAGE['id'], display_name='vm', min_count=1,
        max_count=3, tags=['t'], scheduler_hints={'different_host': 'g'})
    assert [i.display_name for i in instances] == ['vm-1', 'vm-2', 'vm-3']
    assert len(conductor.calls) == 1
    build_requests, specs, image, tags = conductor.calls[0]
    assert len(build_requests) == len(specs) == 3
    assert specs[0].scheduler_hints == {'different_host': ['g']}
    assert instances[0].system_metadata['image_hw_disk_bus'] == 'scsi'
    assert tags == ['t'] and reservation_id.startswith('r-')
    assert objects.BuildRequestList.get_all(ctx, 'p')[0].instance.uuid in \
        {i.uuid for i in instances}


def test_failed_cast_leaves_nothing(ctx):
    from nova_like.db.api import models
    api = compute_api.API(network_api=fake_network.FakeNetwork(),
                          image_api=_Images(),
                          compute_task_api=_Conductor(fail=True))
    with pytest.raises(RuntimeError):
        api.create(ctx, factories.flavor(), IMAGE['id'], display_name='vm',
                   max_count=2)
    for model in (models.BuildRequest, models.RequestSpec,
                  models.InstanceMapping):
        assert _count(model) == 0


def test_hostname_for_several_servers_is_invalid(ctx):
    api = compute_api.API(network_api=fake_network.FakeNetwork(),
                          image_api=_Images(), compute_task_api=_Conductor())
    with pytest.raises(exception.Invalid):
        api.create(ctx, factories.flavor(), IMAGE['id'], display_name='vm',
                   max_count=2, hostname='one')


def test_disabled_flavor_is_invalid(ctx):
    api = compute_api.API(network_api=fake_network.FakeNetwork(),
                          image_api=_Images(), compute_task_api=_Conductor())
    with pytest.raises(exception.Invalid):
        api.create(ctx, factories.flavor(disabled=True), IMAGE['id'],
                   display_name='vm')
