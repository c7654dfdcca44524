# SPDX-License-Identifier: Apache-2.0
"""HostMapping and HostMappingList against a real SQLite API database."""

import pytest

from nova_like import exception
from nova_like import objects


def _cell(ctx, uuid='c0ffee00-0000-4000-8000-000000000001', name='cell1'):
    cell = objects.CellMapping(ctx, uuid=uuid, name=name,
                               transport_url='fake:///',
                               database_connection='sqlite://')
    cell.create()
    return cell


def _mapping(ctx, host, cell):
    mapping = objects.HostMapping(ctx, host=host, cell_mapping=cell)
    mapping.create()
    return mapping


def test_create_and_get_with_its_cell(dbs, admin_context):
    cell = _cell(admin_context)
    created = _mapping(admin_context, 'cmp1', cell)
    assert created.id is not None
    found = objects.HostMapping.get_by_host(admin_context, 'cmp1')
    assert found.id == created.id
    assert (found.cell_mapping.uuid, found.cell_mapping.name) == (
        cell.uuid, 'cell1')


def test_a_host_is_in_one_cell(dbs, admin_context):
    cell1 = _cell(admin_context)
    cell2 = _cell(admin_context, 'c0ffee00-0000-4000-8000-000000000002',
                  'cell2')
    _mapping(admin_context, 'cmp1', cell1)
    with pytest.raises(exception.DuplicateEntry) as info:
        _mapping(admin_context, 'cmp1', cell2)
    assert 'cmp1' in info.value.message


def test_not_found(dbs, admin_context):
    with pytest.raises(exception.HostMappingNotFound) as info:
        objects.HostMapping.get_by_host(admin_context, 'cmp9')
    assert 'cmp9' in info.value.message


def test_destroy(dbs, admin_context):
    mapping = _mapping(admin_context, 'cmp1', _cell(admin_context))
    mapping.destroy()
    with pytest.raises(exception.HostMappingNotFound):
        objects.HostMapping.get_by_host(admin_context, 'cmp1')
    with pytest.raises(exception.HostMappingNotFound):
        mapping.destroy()


def test_list(dbs, admin_context):
    cell1 = _cell(admin_context)
    cell2 = _cell(admin_context, 'c0ffee00-0000-4000-8000-000000000002',
                  'cell2')
    _mapping(admin_context, 'cmp1', cell1)
    _mapping(admin_context, 'cmp2', cell2)
    mappings = objects.HostMappingList.get_all(admin_context)
    assert [(m.host, m.cell_mapping.name) for m in mappings] == [
        ('cmp1', 'cell1'), ('cmp2', 'cell2')]
