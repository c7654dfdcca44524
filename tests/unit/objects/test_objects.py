# SPDX-License-Identifier: Apache-2.0
"""Fingerprints of every versioned object.

A field or remotable change needs a version bump.
"""

import pytest
from oslo_versionedobjects import fixture

from nova_like import objects
from nova_like.objects import base
from nova_like import versions

# When a test below fails because you changed an object: bump its VERSION,
# add a "# Version x.y: what changed" line above it, update
# nova_like/versions.py, then paste the new hash printed by the failure here.
object_data = {
    'BlockDeviceMapping': '1.0-ad7e248d88aaf748b5bbd99afe925944',
    'BlockDeviceMappingList': '1.0-dcb2db57f8c534e81641064bdcbe95f6',
    'BuildRequest': '1.1-c6cd434db5cbdb4d1ebb935424261377',
    'BuildRequestList': '1.0-f09b69b902f0bd6f21ae208f2213edd5',
    'CellMapping': '1.0-46dca9df099893f75814dbf6f9b1695d',
    'CellMappingList': '1.0-4ee0d9efdfd681fed822da88376e04d2',
    'ComputeNode': '1.0-66a871c0ec6895745bb0f96648edacfa',
    'ComputeNodeList': '1.0-d9d2d97b9d7f5bb27ee961c304c2d711',
    'Flavor': '1.0-e45f90a7420e4eebc98052f1816f2dec',
    'FlavorList': '1.0-4ee0d9efdfd681fed822da88376e04d2',
    'HostMapping': '1.0-48918ec60ffdb7a77ec3483d818405a3',
    'HostMappingList': '1.0-4ee0d9efdfd681fed822da88376e04d2',
    'Instance': '1.1-0bc3f082b2109750e1a34c3661fc5e79',
    'InstanceAction': '1.0-c3d5dee659fc883c76777b773c4aca46',
    'InstanceActionEvent': '1.0-e9798e6fe41ec0dcad957f7ed0e03ae9',
    'InstanceActionEventList': '1.0-13d92fb953030cdbfee56481756e02be',
    'InstanceActionList': '1.0-a2b2fb6006b47c27076d3a1d48baa759',
    'InstanceFault': '1.0-519085a2dd5b8623ddef2d64407fa1ac',
    'InstanceFaultList': '1.0-f011c42fc302abc19a676d600dfaae73',
    'InstanceGroup': '1.0-c9cac71c7f9d2e8808ff5eee0c3f5d0a',
    'InstanceGroupList': '1.0-f09b69b902f0bd6f21ae208f2213edd5',
    'InstanceList': '1.0-7b88726c54c636f49188021c17a663b0',
    'InstanceMapping': '1.1-ababd8afb9d15970eb1e3c34471fdb17',
    'RequestSpec': '1.2-408df2960d2c2165f15a93b3714e2cde',
    'Selection': '1.0-dfb45a81deade16938f4f0742203df3b',
    'Service': '1.0-28d9c0a5aa80e62df1744c247c1d3bd3',
    'ServiceList': '1.0-f6621975c20e5805eb2b67dec3679efc',
}

# Which object embeds which, at which version: a child's bump must bump the
# parent too, or an old receiver gets a child it cannot read.
object_relationships = {
    'BuildRequest': {'Instance': '1.1'},
    'HostMapping': {'CellMapping': '1.0'},
    'Instance': {'Flavor': '1.0', 'InstanceFault': '1.0'},
    'InstanceMapping': {'CellMapping': '1.0'},
    'RequestSpec': {'Flavor': '1.0'},
}


def _checker():
    return fixture.ObjectVersionChecker(
        base.NovaLikeObjectRegistry.obj_classes())


def test_versions_match_fingerprints():
    expected, actual = _checker().test_hashes(object_data)
    assert expected == actual, (
        'Some objects changed (fields or remotable signatures) without a '
        'version bump, or object_data is stale. Expected %s, computed %s. '
        'Bump VERSION, record it in nova_like/versions.py and paste the '
        'computed hashes into object_data.' % (expected, actual))


def test_relationships():
    expected, actual = _checker().test_relationships(object_relationships)
    assert expected == actual, (
        'Embedded object versions changed: expected %s, computed %s. Bump '
        'the parent object too.' % (expected, actual))


def test_obj_make_compatible_runs_for_every_object():
    _checker().test_compatibility_routines(use_manifest=True)


def test_release_table_lists_exactly_the_registered_objects():
    registered = {name: classes[0].VERSION for name, classes in
                  base.NovaLikeObjectRegistry.obj_classes().items()}
    table = versions.RELEASES[versions.CURRENT]['objects']
    assert sorted(set(registered) - set(table)) == [], (
        'registered but missing from nova_like/versions.py')
    assert sorted(set(table) - set(registered)) == [], (
        'in nova_like/versions.py but not registered')
    assert table == registered


def test_every_registered_object_is_a_nova_like_object():
    for name, classes in base.NovaLikeObjectRegistry.obj_classes().items():
        for cls in classes:
            assert issubclass(cls, base.NovaLikeObject), name
            assert cls.OBJ_PROJECT_NAMESPACE == 'nova_like'


def test_registry_exposes_the_newest_class_on_the_objects_package():
    for name, classes in base.NovaLikeObjectRegistry.obj_classes().items():
        assert getattr(objects, name) is classes[0], name


def test_what_changed_agrees_with_ovo_and_sees_nested_changes():
    from oslo_versionedobjects import base as ovo_base

    flavor = objects.Flavor(flavorid='1', name='tiny', memory_mb=512,
                            vcpus=1, root_gb=1)
    instance = objects.Instance(uuid='11111111-2222-4333-8444-555555555555',
                                vcpus=1, flavor=flavor, vm_state='building')
    instance.obj_reset_changes(recursive=True)

    def ovo_changed(obj):
        return ovo_base.VersionedObject.obj_what_changed(obj)

    assert instance.obj_what_changed() == set() == ovo_changed(instance)
    instance.vm_state = 'active'
    assert instance.obj_what_changed() == {'vm_state'}
    instance.flavor.memory_mb = 1024  # changed inside the nested object
    assert instance.obj_what_changed() == {'vm_state', 'flavor'}
    assert ovo_changed(instance) == {'vm_state', 'flavor'}


def test_from_db_converts_as_the_fields_setters_would():
    import datetime

    from oslo_versionedobjects import fields

    row = {'uuid': '11111111-2222-4333-8444-555555555555',
           'created_at': datetime.datetime(2026, 12, 1, 8, 30),
           'launched_at': datetime.datetime(2026, 12, 1, 8, 31,
                                            tzinfo=datetime.timezone.utc),
           'metadata': {'role': 'db'},
           'system_metadata': {'image_min_disk': '1', 'gone': None},
           'tags': ['a', 'b']}
    fast = base.from_db(None, objects.Instance(), row)
    slow = objects.Instance()
    for name, value in row.items():
        setattr(slow, name, value)
    for name in row:
        assert getattr(fast, name) == getattr(slow, name), name
        assert type(getattr(fast, name)) is type(getattr(slow, name)), name
    assert fast.created_at.tzinfo is not None
    assert fast.obj_what_changed() == set()
    # What the database gave is coerced on later changes as ovo does.
    with pytest.raises(ValueError):
        fast.metadata['bad'] = None
    fast.system_metadata['n'] = 5
    assert fast.system_metadata['n'] == '5'
    fast.tags.append(7)
    assert fast.tags[-1] == '7'
    assert isinstance(fast.metadata, fields.CoercedDict)
    # Text as ovo writes it in primitives; anything else through the setter.
    assert base.from_db(None, objects.Instance(), {
        'created_at': '2026-12-01T08:30:00Z'}).created_at == slow.created_at
    assert base.from_db(None, objects.Instance(), {
        'created_at': '2026-12-01T09:30:00+01:00'}).created_at == \
        slow.created_at
    with pytest.raises(ValueError):
        base.from_db(None, objects.Instance(), {
            'created_at': '2026-12-01T08:30:00+01:00Z'})


def _fields_of(obj):
    values = {}
    for name in obj.fields:
        if obj.obj_attr_is_set(name):
            value = getattr(obj, name)
            if isinstance(value, base.NovaLikeObject):
                values[name] = _fields_of(value)
            elif name == 'objects':  # a list object's items
                values[name] = [_fields_of(v) for v in value]
            else:
                values[name] = (type(value), value)
    return values


def test_from_primitive_loads_as_ovo_does():
    import datetime

    flavor = objects.Flavor(flavorid='1', name='tiny', memory_mb=512,
                            vcpus=1, root_gb=1, extra_specs={'a': 'b'})
    instance = objects.Instance(
        uuid='11111111-2222-4333-8444-555555555555', vcpus=1, flavor=flavor,
        vm_state='building', metadata={'k': 'v'}, tags=['t'],
        system_metadata={'gone': None}, access_ip_v4='192.0.2.1',
        created_at=datetime.datetime(2026, 12, 1, 8, 30))
    instance.obj_reset_changes(['uuid', 'vcpus'])
    listed = objects.InstanceList(objects=[instance])
    for obj in (instance, listed):
        primitive = obj.obj_to_primitive()
        fast = base.from_primitive('ctx', primitive)
        slow = base.NovaLikeObject.obj_from_primitive(primitive, 'ctx')
        assert type(fast) is type(slow)
        assert _fields_of(fast) == _fields_of(slow)
        assert fast.obj_what_changed() == slow.obj_what_changed()
        assert fast._context == 'ctx'
    loaded = base.from_primitive(None, instance.obj_to_primitive())
    assert loaded.obj_what_changed() == instance.obj_what_changed()
    assert 'uuid' not in loaded.obj_what_changed()
    assert loaded.flavor.obj_what_changed() == {
        'flavorid', 'name', 'memory_mb', 'vcpus', 'root_gb', 'extra_specs'}


def test_from_primitive_of_another_version_goes_the_ovo_way():
    from oslo_versionedobjects import exception as ovo_exc

    primitive = objects.Flavor(name='tiny').obj_to_primitive()
    primitive['nova_like_object.version'] = '9.0'
    with pytest.raises(ovo_exc.IncompatibleObjectVersion):
        base.from_primitive(None, primitive)


def test_obj_to_primitive_dumps_as_ovo_does():
    import datetime

    from oslo_versionedobjects import base as ovo_base

    flavor = objects.Flavor(flavorid='1', name='tiny', memory_mb=512,
                            vcpus=1, root_gb=1, extra_specs={'a': 'b'},
                            rxtx_factor=1.0)
    instance = objects.Instance(
        uuid='11111111-2222-4333-8444-555555555555', vcpus=1, flavor=flavor,
        vm_state='building', metadata={'k': 'v'}, tags=['t'],
        system_metadata={'gone': None}, access_ip_v4='192.0.2.1',
        created_at=datetime.datetime(2026, 12, 1, 8, 30), task_state=None)
    instance.obj_reset_changes(['uuid', 'vcpus'])
    listed = objects.InstanceList(objects=[instance])
    for obj in (flavor, instance, listed):
        fast = obj.obj_to_primitive()
        slow = ovo_base.VersionedObject.obj_to_primitive(obj)
        changes = 'nova_like_object.changes'
        assert sorted(fast.pop(changes, [])) == sorted(slow.pop(changes, []))
        assert fast == slow
    # With a manifest it goes ovo's way (with its compatibility step).
    manifest = {'Instance': objects.Instance.VERSION,
                'Flavor': objects.Flavor.VERSION}
    assert instance.obj_to_primitive(version_manifest=manifest)[
        'nova_like_object.data'] == instance.obj_to_primitive()[
            'nova_like_object.data']
