# SPDX-License-Identifier: Apache-2.0
"""The boot path across real daemons, driven by openstacksdk.

With RabbitMQ, a SQL server, Placement and Glance.
"""

import signal
import time

import pytest
import sqlalchemy as sa

from tests.integration import cloud as cloud_mod
from tools import openstack_services

pytestmark = pytest.mark.integration

DOWN = 4  # service_down_time of the test cloud


@pytest.fixture(scope='module', params=['mysql', 'postgresql'])
def boot_cloud(request, tmp_path_factory, glance_noauth):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('boot-' + request.param)
    image = glance_noauth.create_image(
        'tiny', openstack_services.write_tiny_image(path / 'tiny.raw'))
    cloud = cloud_mod.Cloud(path, request.param, service_down_time=DOWN)
    cloud.glance_url = glance_noauth.url
    try:
        cloud.start_all(['cmp1', 'cmp2', 'cmp3'],
                        {'cmp1': 'fail_spawn_hosts = cmp1\n'})
        cloud.add_tiny(image['id'])
        cloud.connect('admin:admin').compute.create_flavor(
            name='m1.huge', ram=512, vcpus=64, disk=1, id='64')
        yield cloud
    finally:
        cloud.destroy()


def _allocations(cloud, uuid):
    return cloud.placement('/allocations/%s' % uuid)['allocations']


def _wait_status(conn, ids, status, timeout=60, all_projects=False):
    def done():
        servers = {s.id: s for s in conn.compute.servers(
            details=True, all_projects=all_projects)}
        return all(i in servers and servers[i].status == status
                   for i in ids) and [servers[i] for i in ids]
    return cloud_mod.wait_for(done, timeout, 'servers %s' % status)


def test_sdk_boots_lists_shows_and_deletes(boot_cloud):
    conn = boot_cloud.connect('demo:demo')
    server = conn.compute.create_server(
        name='sdk-one', image_id=boot_cloud.image_id, flavor_id='1',
        networks='none')
    server = cloud_mod.wait_server(conn, server, 'ACTIVE', 60)
    assert server.name == 'sdk-one'
    assert [s.id for s in conn.compute.servers(name='^sdk-one$')] == [
        server.id]
    shown = conn.compute.get_server(server.id)
    assert shown.flavor['original_name'] == 'm1.tiny'
    assert shown.image['id'] == boot_cloud.image_id
    assert _allocations(boot_cloud, server.id)
    conn.compute.delete_server(server.id)
    conn.compute.wait_for_delete(server, wait=60)
    assert _allocations(boot_cloud, server.id) == {}


def test_twenty_at_once_spread_and_reschedule_off_the_failing_host(
        boot_cloud):
    conn = boot_cloud.connect('demo:demo')
    admin = boot_cloud.connect('admin:admin')
    conn.compute.create_server(name='many', image_id=boot_cloud.image_id,
                               flavor_id='1', networks='none', min_count=20,
                               max_count=20)
    ids = [s.id for s in conn.compute.servers(name='^many')]
    assert len(ids) == 20
    servers = _wait_status(admin, ids, 'ACTIVE', timeout=120,
                           all_projects=True)
    hosts = {s.compute_host for s in servers}
    # cmp1 fails every spawn: whatever went there was rescheduled.
    assert hosts == {'cmp2', 'cmp3'}
    assert 'Rescheduling' in boot_cloud.log('compute-cmp1')
    for uuid in ids:
        conn.compute.delete_server(uuid)
    cloud_mod.wait_for(lambda: not list(conn.compute.servers(name='^many')),
                       90, 'all deleted')


def test_no_valid_host_carries_its_explanation(boot_cloud):
    conn = boot_cloud.connect('demo:demo')
    server = conn.compute.create_server(
        name='too-big', image_id=boot_cloud.image_id, flavor_id='64',
        networks='none')
    [server] = _wait_status(conn, [server.id], 'ERROR')
    assert server.fault['message'] == (
        'No valid host was found. Placement returned 0 candidates for '
        'DISK_GB:1,MEMORY_MB:512,VCPU:64.')
    conn.compute.delete_server(server.id)
    conn.compute.wait_for_delete(server, wait=30)


def _set_disabled(cloud, hosts, disabled):
    engine = sa.create_engine(cloud.urls['cell1'])
    with engine.begin() as conn:
        conn.execute(sa.text(
            'UPDATE services SET disabled = :d WHERE host IN :hosts'
        ).bindparams(sa.bindparam('hosts', expanding=True)),
            {'d': disabled, 'hosts': hosts})
    engine.dispose()


def test_compute_killed_mid_build_leaves_error_not_build(boot_cloud):
    boot_cloud.start_compute('slow', 'spawn_delay = 60\n')
    admin = boot_cloud.connect('admin:admin')
    cloud_mod.wait_for(
        lambda: boot_cloud.services().get(('nova-like-compute', 'slow'),
                                          {}).get('state') == 'up',
        60, 'slow compute up')
    cloud_mod.wait_for(lambda: len(boot_cloud.placement(
        '/resource_providers')['resource_providers']) == 4,
        30, 'four providers')
    _set_disabled(boot_cloud, ['cmp1', 'cmp2', 'cmp3'], True)
    try:
        conn = boot_cloud.connect('demo:demo')
        server = conn.compute.create_server(
            name='doomed', image_id=boot_cloud.image_id, flavor_id='1',
            networks='none')
        cloud_mod.wait_for(
            lambda: admin.compute.get_server(server.id).task_state ==
            'spawning', 60, 'the build to start on the slow host')
        boot_cloud.stop('compute-slow', sig=signal.SIGKILL)
        killed = time.monotonic()
        [server] = _wait_status(admin, [server.id], 'ERROR',
                                timeout=2 * DOWN + 10, all_projects=True)
        assert time.monotonic() - killed <= 2 * DOWN + 3
        assert 'went down while building' in server.fault['message']
        cloud_mod.wait_for(lambda: _allocations(boot_cloud, server.id) ==
                           {}, 10, 'the allocation to be removed')
        conn.compute.delete_server(server.id)
        conn.compute.wait_for_delete(server, wait=30)
    finally:
        _set_disabled(boot_cloud, ['cmp1', 'cmp2', 'cmp3'], False)
