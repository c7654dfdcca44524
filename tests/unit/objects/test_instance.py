# SPDX-License-Identifier: Apache-2.0
"""Instance against a real SQLite cell database.

Round trips, compare-and-swap saves, soft delete.
"""

import datetime

import pytest

from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like import context as nl_context
from nova_like.db import engine
from nova_like import exception
from nova_like import objects
from tests import factories

UUID = '0b1d2f3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'


def _flavor():
    return factories.flavor(extra_specs={'hw:cpu': 'x'})


def _instance(ctx, uuid=UUID, **kwargs):
    values = dict(uuid=uuid, user_id='alice', project_id='proj',
                  display_name='vm1', vm_state=vm_states.BUILDING,
                  task_state=None)
    values.update(kwargs)
    inst = objects.Instance(ctx, **values)
    inst.create()
    return inst


@pytest.fixture(params=['returning', 'update-then-select'])
def cell_db(dbs, request, monkeypatch):
    """dbs, with saves as one UPDATE .. RETURNING (PostgreSQL, SQLite) or
    as an UPDATE and a SELECT (MariaDB has no UPDATE .. RETURNING)."""
    dialect = engine.get_engine(dbs.main).dialect
    monkeypatch.setattr(dialect, 'update_returning',
                        request.param == 'returning')
    return dbs


def _reload(ctx, uuid=UUID):
    return objects.Instance.get_by_uuid(ctx, uuid)


def test_create_and_get_round_trip(dbs, admin_context):
    created = _instance(admin_context, access_ip_v4='192.0.2.10',
                        launched_at=datetime.datetime(
                            2026, 1, 2, 3, 4, 5,
                            tzinfo=datetime.timezone.utc))
    found = _reload(admin_context)
    assert found.id == created.id
    assert (found.user_id, found.project_id, found.display_name,
            found.vm_state, found.task_state) == (
        'alice', 'proj', 'vm1', vm_states.BUILDING, None)
    assert str(found.access_ip_v4) == '192.0.2.10'
    assert found.access_ip_v6 is None
    assert found.launched_at == datetime.datetime(
        2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    assert found.deleted is False
    assert found.obj_what_changed() == set()


def test_metadata_tags_and_flavor_round_trip(dbs, admin_context):
    _instance(admin_context, metadata={'role': 'web'},
              system_metadata={'image_os': 'cirros', 'empty': None},
              tags=['blue', 'green'], flavor=_flavor())
    found = _reload(admin_context)
    assert found.metadata == {'role': 'web'}
    assert found.system_metadata == {'image_os': 'cirros', 'empty': None}
    assert found.tags == ['blue', 'green']
    assert isinstance(found.flavor, objects.Flavor)
    assert (found.flavor.name, found.flavor.vcpus,
            found.flavor.extra_specs) == ('m1.tiny', 1, {'hw:cpu': 'x'})


def test_json_fields_default_to_empty(dbs, admin_context):
    _instance(admin_context)
    found = _reload(admin_context)
    assert (found.metadata, found.system_metadata, found.tags,
            found.flavor) == ({}, {}, [], None)


def test_save_of_replaced_metadata_tags_and_flavor(cell_db, admin_context):
    inst = _instance(admin_context, metadata={'a': '1'})
    inst.metadata = {'b': '2'}
    inst.tags = ['t']
    inst.flavor = _flavor()
    inst.save()
    found = _reload(admin_context)
    assert (found.metadata, found.tags, found.flavor.name) == (
        {'b': '2'}, ['t'], 'm1.tiny')


def test_save_of_metadata_changed_in_place(cell_db, admin_context):
    # Nova's callers do instance.metadata['k'] = 'v'; instance.save().
    inst = _instance(admin_context, metadata={'a': '1'}, tags=['x'])
    inst.metadata['b'] = '2'
    inst.tags.append('y')
    inst.save()
    found = _reload(admin_context)
    assert found.metadata == {'a': '1', 'b': '2'}
    assert found.tags == ['x', 'y']


def test_save_of_flavor_changed_in_place(dbs, admin_context):
    inst = _instance(admin_context, flavor=_flavor())
    inst.flavor.extra_specs = {'hw:cpu': 'y'}
    inst.save()
    assert _reload(admin_context).flavor.extra_specs == {'hw:cpu': 'y'}


def test_save_without_changes_is_a_no_op(cell_db, admin_context):
    inst = _instance(admin_context)
    inst.save(expected_task_state=task_states.SPAWNING)
    assert _reload(admin_context).updated_at is None


def test_save_with_matching_expected_task_state(cell_db, admin_context):
    inst = _instance(admin_context)
    inst.task_state = task_states.SCHEDULING
    inst.save(expected_task_state=[None])
    inst.task_state = task_states.SPAWNING
    inst.save(expected_task_state=[task_states.SCHEDULING,
                                   task_states.NETWORKING])
    found = _reload(admin_context)
    assert found.task_state == task_states.SPAWNING
    assert found.updated_at is not None


def test_save_is_a_compare_and_swap_on_task_state(cell_db, admin_context):
    mine = _instance(admin_context)
    theirs = _reload(admin_context)
    theirs.task_state = task_states.REBOOTING
    theirs.save(expected_task_state=[None])
    mine.task_state = task_states.POWERING_OFF
    mine.display_name = 'renamed'
    with pytest.raises(exception.UnexpectedTaskStateError) as info:
        mine.save(expected_task_state=[None])
    assert not isinstance(info.value,
                          exception.UnexpectedDeletingTaskStateError)
    assert task_states.REBOOTING in info.value.message
    found = _reload(admin_context)
    assert (found.task_state, found.display_name) == (
        task_states.REBOOTING, 'vm1')


def test_save_against_a_deleting_instance(cell_db, admin_context):
    inst = _instance(admin_context)
    deleter = _reload(admin_context)
    deleter.task_state = task_states.DELETING
    deleter.save()
    inst.task_state = task_states.SPAWNING
    with pytest.raises(exception.UnexpectedDeletingTaskStateError):
        inst.save(expected_task_state=[None])
    assert _reload(admin_context).task_state == task_states.DELETING


def test_save_with_unexpected_vm_state(cell_db, admin_context):
    inst = _instance(admin_context)
    inst.vm_state = vm_states.ACTIVE
    with pytest.raises(exception.UnexpectedTaskStateError) as info:
        inst.save(expected_vm_state=vm_states.STOPPED)
    assert vm_states.BUILDING in info.value.message
    assert _reload(admin_context).vm_state == vm_states.BUILDING


def test_duplicate_uuid(dbs, admin_context):
    _instance(admin_context)
    with pytest.raises(exception.DuplicateEntry) as info:
        _instance(admin_context)
    assert UUID in info.value.message


def test_get_of_an_unknown_instance(dbs, admin_context):
    with pytest.raises(exception.InstanceNotFound) as info:
        _reload(admin_context, '11111111-2222-4333-8444-555555555555')
    assert '11111111-2222-4333-8444-555555555555' in info.value.message


def test_destroy_soft_deletes(dbs, admin_context):
    inst = _instance(admin_context)
    inst.destroy()
    assert inst.deleted is True
    assert inst.deleted_at is not None
    assert inst.terminated_at == inst.deleted_at
    with pytest.raises(exception.InstanceNotFound):
        _reload(admin_context)
    gone = _reload(nl_context.get_admin_context(read_deleted='yes'))
    assert gone.deleted is True
    assert gone.display_name == 'vm1'


def test_destroy_writes_pending_changes_with_the_soft_delete(
        cell_db, admin_context):
    inst = _instance(admin_context, vm_state=vm_states.ACTIVE,
                     task_state=task_states.DELETING)
    inst.vm_state = vm_states.DELETED
    inst.task_state = None
    inst.destroy()
    assert inst.obj_what_changed() == set()
    assert (inst.vm_state, inst.task_state, inst.deleted) == (
        vm_states.DELETED, None, True)
    assert inst.updated_at == inst.deleted_at == inst.terminated_at
    gone = _reload(nl_context.get_admin_context(read_deleted='yes'))
    assert (gone.vm_state, gone.task_state, gone.deleted) == (
        vm_states.DELETED, None, True)


def test_destroy_twice_and_save_after_destroy(cell_db, admin_context):
    inst = _instance(admin_context)
    stale = _reload(admin_context)
    inst.destroy()
    with pytest.raises(exception.InstanceNotFound):
        inst.destroy()
    stale.display_name = 'too late'
    with pytest.raises(exception.InstanceNotFound):
        stale.save()


def _fields_of(obj):
    return {name: (getattr(obj, name), type(getattr(obj, name)))
            for name in obj.fields if obj.obj_attr_is_set(name)}


def test_embedded_flavor_loads_as_obj_from_primitive_would():
    import json
    from nova_like.objects import instance as instance_obj
    flavor = objects.Flavor(
        id=3, flavorid='1', name='m1', memory_mb=512, vcpus=1, root_gb=1,
        ephemeral_gb=0, swap=0, rxtx_factor=1.0, disabled=False,
        is_public=True, description=None, extra_specs={'hw:cpu': '2'},
        projects=['p'], created_at=datetime.datetime(
            2026, 1, 1, tzinfo=datetime.timezone.utc))
    flavor.obj_reset_changes()
    primitive = flavor.obj_to_primitive()
    fast = instance_obj._flavor(json.dumps(primitive))
    slow = objects.Flavor.obj_from_primitive(primitive)
    assert _fields_of(fast) == _fields_of(slow)
    assert fast.obj_what_changed() == set()
    # Pending changes (or another version) go the general way.
    flavor.name = 'renamed'
    pending = flavor.obj_to_primitive()
    assert instance_obj._flavor(json.dumps(pending)).obj_what_changed() == {
        'name'}


def test_instances_of_one_boot_do_not_share_json_values(dbs, admin_context):
    import uuid
    made = []
    for _ in range(2):
        instance = _instance(admin_context, uuid=str(uuid.uuid4()),
                             metadata={'k': 'v'}, tags=['a'],
                             flavor=_flavor())
        made.append(_reload(admin_context, instance.uuid))
    made[0].metadata['k'] = 'changed'
    made[0].tags.append('b')
    made[0].flavor.extra_specs['hw:cpu'] = 'y'
    assert made[1].metadata == {'k': 'v'}
    assert made[1].tags == ['a']
    assert made[1].flavor.extra_specs == {'hw:cpu': 'x'}
    again = objects.Instance.get_by_uuid(admin_context, made[1].uuid)
    assert again.metadata == {'k': 'v'}
