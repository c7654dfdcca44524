# SPDX-License-Identifier: Apache-2.0
"""BuildRequest and BuildRequestList against a real SQLite API database."""

import pytest

from nova_like.compute import vm_states
from nova_like import exception
from nova_like import objects

UUID1 = 'a1b2c3d4-0000-4000-8000-000000000001'
UUID2 = 'a1b2c3d4-0000-4000-8000-000000000002'


def _build_request(ctx, uuid=UUID1, project_id='proj'):
    instance = objects.Instance(
        uuid=uuid, user_id='alice', project_id=project_id,
        display_name='vm-%s' % uuid[-1], vm_state=vm_states.BUILDING,
        metadata={'k': 'v'}, tags=['t1'],
        flavor=objects.Flavor(flavorid='1', name='m1.tiny', memory_mb=512,
                              vcpus=1))
    req = objects.BuildRequest(ctx, instance_uuid=uuid,
                               project_id=project_id, instance=instance)
    req.create()
    return req


def test_create_and_get_round_trip(dbs, admin_context):
    created = _build_request(admin_context)
    assert created.id is not None
    found = objects.BuildRequest.get_by_instance_uuid(admin_context, UUID1)
    assert (found.id, found.project_id) == (created.id, 'proj')
    assert isinstance(found.instance, objects.Instance)
    assert (found.instance.uuid, found.instance.display_name,
            found.instance.vm_state) == (UUID1, 'vm-1', vm_states.BUILDING)
    assert (found.instance.metadata, found.instance.tags) == ({'k': 'v'},
                                                             ['t1'])
    assert found.instance.flavor.name == 'm1.tiny'
    assert found.instance._context is admin_context
    assert found.created_at is not None


def test_instance_fields_left_unset_read_as_their_defaults(
        dbs, admin_context):
    # GET /servers/{id} of a server still in BUILD shows locked, metadata
    # and tags from the build request's instance.
    instance = objects.Instance(uuid=UUID1, user_id='alice',
                                project_id='proj')
    objects.BuildRequest(admin_context, instance_uuid=UUID1,
                         project_id='proj', instance=instance).create()
    found = objects.BuildRequest.get_by_instance_uuid(admin_context, UUID1)
    assert (found.instance.locked, found.instance.metadata,
            found.instance.tags, found.instance.deleted) == (
        False, {}, [], False)


def test_one_build_request_per_instance(dbs, admin_context):
    _build_request(admin_context)
    with pytest.raises(exception.DuplicateEntry) as info:
        _build_request(admin_context)
    assert UUID1 in info.value.message


def test_destroy(dbs, admin_context):
    req = _build_request(admin_context)
    req.destroy()
    with pytest.raises(exception.BuildRequestNotFound) as info:
        objects.BuildRequest.get_by_instance_uuid(admin_context, UUID1)
    assert UUID1 in info.value.message
    # A second delete is how the API learns the conductor got there first.
    with pytest.raises(exception.BuildRequestNotFound):
        req.destroy()


def test_list_all_and_by_project(dbs, admin_context):
    _build_request(admin_context, UUID1, project_id='p1')
    _build_request(admin_context, UUID2, project_id='p2')
    everything = objects.BuildRequestList.get_all(admin_context)
    assert [r.instance_uuid for r in everything] == [UUID1, UUID2]
    only_p2 = objects.BuildRequestList.get_all(admin_context,
                                               project_id='p2')
    assert [r.instance.uuid for r in only_p2] == [UUID2]


def test_update_instance_stores_the_changed_instance(dbs, admin_context):
    req = _build_request(admin_context)
    req.update_instance({'display_name': 'renamed',
                         'metadata': {'k': 'other'}})
    assert req.instance.display_name == 'renamed'
    found = objects.BuildRequest.get_by_instance_uuid(admin_context, UUID1)
    assert (found.instance.display_name, found.instance.metadata,
            found.instance.tags) == ('renamed', {'k': 'other'}, ['t1'])
    req.destroy()
    with pytest.raises(exception.BuildRequestNotFound):
        req.update_instance({'display_name': 'late'})
