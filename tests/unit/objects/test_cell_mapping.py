# SPDX-License-Identifier: Apache-2.0
"""CellMapping and CellMappingList against a real SQLite API database."""

import pytest

from nova_like import exception
from nova_like import objects
from nova_like.objects import cell_mapping

UUID = 'c0ffee00-0000-4000-8000-000000000001'


def _cell(ctx, uuid=UUID, name='cell1', **kwargs):
    values = dict(uuid=uuid, name=name,
                  transport_url='rabbit://u:secret@mq:5672/',
                  database_connection='sqlite:////var/lib/cell1.sqlite')
    values.update(kwargs)
    cell = objects.CellMapping(ctx, **values)
    cell.create()
    return cell


def test_create_and_get(dbs, admin_context):
    created = _cell(admin_context)
    assert created.id is not None
    assert created.disabled is False
    by_uuid = objects.CellMapping.get_by_uuid(admin_context, UUID)
    by_id = objects.CellMapping.get_by_id(admin_context, created.id)
    for found in (by_uuid, by_id):
        assert (found.uuid, found.name, found.transport_url,
                found.database_connection) == (
            UUID, 'cell1', 'rabbit://u:secret@mq:5672/',
            'sqlite:////var/lib/cell1.sqlite')


def test_duplicate_uuid(dbs, admin_context):
    _cell(admin_context)
    with pytest.raises(exception.DuplicateEntry) as info:
        _cell(admin_context, name='again')
    assert UUID in info.value.message


def test_not_found(dbs, admin_context):
    with pytest.raises(exception.CellMappingNotFound) as info:
        objects.CellMapping.get_by_uuid(admin_context, UUID)
    assert UUID in info.value.message


def test_is_cell0(dbs, admin_context):
    cell0 = _cell(admin_context, uuid=cell_mapping.CELL0_UUID, name='cell0')
    assert cell0.is_cell0
    assert not _cell(admin_context).is_cell0


def test_save(dbs, admin_context):
    cell = _cell(admin_context)
    cell.disabled = True
    cell.name = 'renamed'
    cell.save()
    found = objects.CellMapping.get_by_uuid(admin_context, UUID)
    assert (found.disabled, found.name) == (True, 'renamed')


def test_destroy(dbs, admin_context):
    cell = _cell(admin_context)
    cell.destroy()
    with pytest.raises(exception.CellMappingNotFound):
        objects.CellMapping.get_by_uuid(admin_context, UUID)
    with pytest.raises(exception.CellMappingNotFound):
        cell.destroy()


def test_list_in_creation_order(dbs, admin_context):
    _cell(admin_context, uuid='c0ffee00-0000-4000-8000-000000000002',
          name='b')
    _cell(admin_context, uuid='c0ffee00-0000-4000-8000-000000000001',
          name='a')
    cells = objects.CellMappingList.get_all(admin_context)
    assert [c.name for c in cells] == ['b', 'a']


def test_a_read_mapping_is_reused_until_it_is_old(dbs, admin_context,
                                                  monkeypatch):
    import time as time_mod

    import sqlalchemy as sa

    from nova_like.db.api import cell_mappings
    from nova_like.db.api import database
    from nova_like.db.api import models

    cell = _cell(admin_context)
    now = [time_mod.monotonic()]
    monkeypatch.setattr(cell_mappings.time, 'monotonic', lambda: now[0])
    assert objects.CellMapping.get_by_uuid(admin_context, UUID).name == \
        'cell1'
    # Another process (nova-like-manage) renames it behind our back.
    with database.writer() as session:
        session.execute(sa.update(models.CellMapping).values(name='other'))
    assert objects.CellMapping.get_by_id(admin_context, cell.id).name == \
        'cell1'
    now[0] += cell_mappings.CELL_CACHE_SECONDS + 1
    assert objects.CellMapping.get_by_uuid(admin_context, UUID).name == \
        'other'
    # Changes made through this process are seen at once.
    found = objects.CellMapping.get_by_uuid(admin_context, UUID)
    found.disabled = True
    found.save()
    assert objects.CellMapping.get_by_id(admin_context, cell.id).disabled


def test_the_list_of_cells_is_reused_until_it_is_old(dbs, admin_context,
                                                     monkeypatch):
    import time as time_mod

    import sqlalchemy as sa

    from nova_like.db.api import cell_mappings
    from nova_like.db.api import database
    from nova_like.db.api import models

    _cell(admin_context)
    now = [time_mod.monotonic()]
    monkeypatch.setattr(cell_mappings.time, 'monotonic', lambda: now[0])
    assert [c.name for c in objects.CellMappingList.get_all(
        admin_context)] == ['cell1']
    # Another process (nova-like-manage create_cell) adds one.
    with database.writer() as session:
        session.execute(sa.insert(models.CellMapping).values(
            uuid='c0ffee00-0000-4000-8000-00000000000a', name='late',
            transport_url='none:///', database_connection='sqlite://'))
    assert [c.name for c in objects.CellMappingList.get_all(
        admin_context)] == ['cell1']
    # A listed cell is also found by uuid without another query.
    assert objects.CellMapping.get_by_uuid(admin_context, UUID).name == \
        'cell1'
    now[0] += cell_mappings.CELL_CACHE_SECONDS + 1
    assert [c.name for c in objects.CellMappingList.get_all(
        admin_context)] == ['cell1', 'late']
    # A cell created through this process is listed at once.
    _cell(admin_context, uuid='c0ffee00-0000-4000-8000-00000000000b',
          name='own')
    assert [c.name for c in objects.CellMappingList.get_all(
        admin_context)] == ['cell1', 'late', 'own']
