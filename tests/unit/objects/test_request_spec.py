# SPDX-License-Identifier: Apache-2.0
"""RequestSpec against a real SQLite API database."""

import pytest

from nova_like import exception
from nova_like import objects

UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7'


def _spec(ctx, **kwargs):
    flavor = objects.Flavor(flavorid='1', name='m1.tiny', memory_mb=512,
                            vcpus=1, extra_specs={'hw:mem_page_size': 'large'})
    values = dict(instance_uuid=UUID, project_id='proj', user_id='alice',
                  flavor=flavor, image={'id': 'img-1', 'os_type': None},
                  num_instances=2, availability_zone='az1',
                  scheduler_hints={'group': ['g1'], 'same_host': ['a', 'b']},
                  ignore_hosts=['bad-host'])
    values.update(kwargs)
    spec = objects.RequestSpec(ctx, **values)
    spec.create()
    return spec


def test_create_and_get_round_trip(dbs, admin_context):
    created = _spec(admin_context)
    assert created.id is not None
    found = objects.RequestSpec.get_by_instance_uuid(admin_context, UUID)
    assert found.id == created.id
    assert (found.project_id, found.user_id, found.num_instances,
            found.availability_zone) == ('proj', 'alice', 2, 'az1')
    assert found.flavor.name == 'm1.tiny'
    assert found.flavor.extra_specs == {'hw:mem_page_size': 'large'}
    assert found.image == {'id': 'img-1', 'os_type': None}
    assert found.scheduler_hints == {'group': ['g1'],
                                     'same_host': ['a', 'b']}
    assert found.ignore_hosts == ['bad-host']
    assert found.obj_what_changed() == set()


def test_unset_fields_read_as_their_defaults(dbs, admin_context):
    # The scheduler reads spec.force_hosts of every spec; one created
    # without it must not raise "Cannot load 'force_hosts'".
    spec = objects.RequestSpec(admin_context, instance_uuid=UUID)
    spec.create()
    found = objects.RequestSpec.get_by_instance_uuid(admin_context, UUID)
    assert (found.num_instances, found.image, found.scheduler_hints,
            found.ignore_hosts, found.force_hosts, found.force_nodes) == (
        1, {}, {}, [], [], [])
    assert not found.obj_attr_is_set('flavor')
    assert found.obj_what_changed() == set()


def test_save_replaces_the_spec(dbs, admin_context):
    spec = _spec(admin_context)
    spec.ignore_hosts = ['bad-host', 'worse-host']
    spec.availability_zone = None
    spec.save()
    found = objects.RequestSpec.get_by_instance_uuid(admin_context, UUID)
    assert found.ignore_hosts == ['bad-host', 'worse-host']
    assert found.availability_zone is None
    assert found.id == spec.id


def test_one_spec_per_instance(dbs, admin_context):
    _spec(admin_context)
    with pytest.raises(exception.DuplicateEntry) as info:
        _spec(admin_context)
    assert UUID in info.value.message


def test_destroy(dbs, admin_context):
    spec = _spec(admin_context)
    spec.destroy()
    with pytest.raises(exception.RequestSpecNotFound) as info:
        objects.RequestSpec.get_by_instance_uuid(admin_context, UUID)
    assert UUID in info.value.message
    with pytest.raises(exception.RequestSpecNotFound):
        spec.destroy()
    with pytest.raises(exception.RequestSpecNotFound):
        spec.save()
