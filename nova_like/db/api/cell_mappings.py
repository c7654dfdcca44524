# SPDX-License-Identifier: Apache-2.0
"""Cell mappings: where each cell's database and message queue are.

They are cached for a while.
"""

import threading
import time

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import engine
from nova_like import exception


# Cell mappings are read for nearly every server operation and change only
# through nova-like-manage: each process reuses a mapping, or the list of
# all, it read for CELL_CACHE_SECONDS (its own changes it sees at once).
CELL_CACHE_SECONDS = 30
_cells = {}
_cells_lock = threading.Lock()


def _cell_cached(key, fetch):
    """fetch()'s row or list of rows, reused for CELL_CACHE_SECONDS."""
    now = time.monotonic()
    url = database.url()
    with _cells_lock:
        hit = _cells.get((url, key))
    if hit is None or hit[0] <= now:
        hit = (now + CELL_CACHE_SECONDS, fetch())
        rows = hit[1] if isinstance(hit[1], list) else [hit[1]]
        with _cells_lock:
            _cells[(url, key)] = hit
            for row in rows:  # a listed cell is also found by uuid and id
                _cells[(url, ('uuid', row['uuid']))] = (hit[0], row)
                _cells[(url, ('id', row['id']))] = (hit[0], row)
    if isinstance(hit[1], list):
        return [dict(row) for row in hit[1]]
    return dict(hit[1])


def _forget_cells():
    with _cells_lock:
        _cells.clear()


@engine.retry_on_deadlock
def cell_mapping_create(values):
    _forget_cells()
    return database.create(models.CellMapping, values, 'Cell mapping', 'uuid')


def cell_mapping_get_by_uuid(uuid):
    return _cell_cached(('uuid', uuid), lambda: database.get_one(
        models.CellMapping, exception.CellMappingNotFound(uuid=uuid),
        uuid=uuid))


def cell_mapping_get_by_id(cell_id):
    return _cell_cached(('id', cell_id), lambda: database.get_one(
        models.CellMapping, exception.CellMappingNotFound(uuid=cell_id),
        id=cell_id))


def cell_mapping_get_all():
    return _cell_cached('all', lambda: database.get_all(models.CellMapping,
                                                        models.CellMapping.id))


def cell_mapping_update(uuid, values):
    _forget_cells()
    return database.update(models.CellMapping,
                           exception.CellMappingNotFound(uuid=uuid),
                           {'uuid': uuid}, values)


def cell_mapping_delete(uuid):
    _forget_cells()
    database.delete(models.CellMapping,
                    exception.CellMappingNotFound(uuid=uuid), uuid=uuid)
