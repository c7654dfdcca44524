# SPDX-License-Identifier: Apache-2.0
"""BlockDeviceMapping and its list against a real SQLite cell database."""

import pytest

from nova_like import exception
from nova_like import objects

SERVER1 = '6e7a0c55-1b2f-4e8a-9d3c-000000000001'
SERVER2 = '6e7a0c55-1b2f-4e8a-9d3c-000000000002'
VOLUME1 = 'a26887c6-c47b-4654-abb5-000000000001'
VOLUME2 = 'a26887c6-c47b-4654-abb5-000000000002'


def _bdm(ctx, server=SERVER1, volume=VOLUME1, device='/dev/vdb', **kw):
    bdm = objects.BlockDeviceMapping(
        ctx, instance_uuid=server, volume_id=volume, device_name=device,
        source_type='volume', destination_type='volume', **kw)
    bdm.create()
    return bdm


def test_create_find_save_destroy(dbs, admin_context):
    created = _bdm(admin_context, tag='data')
    assert created.uuid and created.id
    assert created.delete_on_termination is False
    found = objects.BlockDeviceMapping.get_by_volume_and_instance(
        admin_context, VOLUME1, SERVER1)
    assert (found.uuid, found.tag, found.device_name) == (
        created.uuid, 'data', '/dev/vdb')
    assert found.connection() == {}
    found.connection_info = '{"driver_volume_type": "local", "data": {}}'
    found.delete_on_termination = True
    found.save()
    again = objects.BlockDeviceMapping.get_by_volume_and_instance(
        admin_context, VOLUME1, SERVER1)
    assert again.connection()['driver_volume_type'] == 'local'
    assert again.delete_on_termination is True
    again.destroy()
    again.destroy()  # gone already: not an error
    with pytest.raises(exception.VolumeBDMNotFound):
        objects.BlockDeviceMapping.get_by_volume_and_instance(
            admin_context, VOLUME1, SERVER1)
    again.tag = 'x'
    with pytest.raises(exception.VolumeBDMNotFound):
        again.save()


def test_lists_by_instance_oldest_first(dbs, admin_context):
    first = _bdm(admin_context)
    second = _bdm(admin_context, volume=VOLUME2, device='/dev/vdc')
    other = _bdm(admin_context, server=SERVER2)
    listed = objects.BlockDeviceMappingList.get_by_instance_uuid(
        admin_context, SERVER1)
    assert [b.uuid for b in listed] == [first.uuid, second.uuid]
    both = objects.BlockDeviceMappingList.get_by_instance_uuids(
        admin_context, [SERVER2, SERVER1])
    assert [b.uuid for b in both] == [other.uuid, first.uuid, second.uuid]
    assert len(both.volumes()) == 3
    second.destroy()
    assert [b.uuid for b in objects.BlockDeviceMappingList
            .get_by_instance_uuid(admin_context, SERVER1)] == [first.uuid]
    assert len(objects.BlockDeviceMappingList.get_by_instance_uuids(
        admin_context, [])) == 0
