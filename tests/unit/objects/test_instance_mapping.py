# SPDX-License-Identifier: Apache-2.0
"""InstanceMapping against a real SQLite API database."""

import pytest

from nova_like import exception
from nova_like import objects

UUID = 'b5a0c1d2-0000-4000-8000-000000000001'


def _cell(ctx):
    cell = objects.CellMapping(ctx,
                               uuid='c0ffee00-0000-4000-8000-00000000000c',
                               name='cell1', transport_url='fake:///',
                               database_connection='sqlite://')
    cell.create()
    return cell


def _mapping(ctx, **kwargs):
    mapping = objects.InstanceMapping(ctx, instance_uuid=UUID,
                                      project_id='proj', user_id='alice',
                                      **kwargs)
    mapping.create()
    return mapping


def test_created_without_a_cell_while_it_is_a_build_request(
        dbs, admin_context):
    created = _mapping(admin_context)
    assert created.id is not None
    assert created.cell_mapping is None
    found = objects.InstanceMapping.get_by_instance_uuid(admin_context, UUID)
    assert (found.cell_mapping, found.project_id, found.user_id,
            found.queued_for_delete) == (None, 'proj', 'alice', False)


def test_save_points_it_at_its_cell(dbs, admin_context):
    cell = _cell(admin_context)
    mapping = _mapping(admin_context)
    mapping.cell_mapping = cell
    mapping.save()
    found = objects.InstanceMapping.get_by_instance_uuid(admin_context, UUID)
    assert found.cell_mapping.uuid == cell.uuid
    found.queued_for_delete = True
    found.save()
    again = objects.InstanceMapping.get_by_instance_uuid(admin_context, UUID)
    assert again.queued_for_delete is True
    assert again.cell_mapping.uuid == cell.uuid


def test_created_in_a_cell(dbs, admin_context):
    cell = _cell(admin_context)
    _mapping(admin_context, cell_mapping=cell)
    found = objects.InstanceMapping.get_by_instance_uuid(admin_context, UUID)
    assert found.cell_mapping.name == 'cell1'


def test_one_mapping_per_instance(dbs, admin_context):
    _mapping(admin_context)
    with pytest.raises(exception.DuplicateEntry) as info:
        _mapping(admin_context)
    assert UUID in info.value.message


def test_destroy(dbs, admin_context):
    mapping = _mapping(admin_context)
    mapping.destroy()
    with pytest.raises(exception.InstanceMappingNotFound) as info:
        objects.InstanceMapping.get_by_instance_uuid(admin_context, UUID)
    assert UUID in info.value.message
    with pytest.raises(exception.InstanceMappingNotFound):
        mapping.destroy()
