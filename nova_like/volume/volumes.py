# SPDX-License-Identifier: Apache-2.0
"""Volume rows: create, find, list, and status changes by compare-and-swap.

The state machine (docs/volumes.md):

    creating  -> available | error
    available -> extending -> available | error_extending
    available, error, error_extending -> deleting -> (gone) | error_deleting

Each change is one UPDATE ... WHERE status IN (the states it may leave):
of two racing changes one wins and the other sees 0 rows. A transition
older than [volume] transition_timeout is ended by the manager's
periodic check (deadlines.py).
"""

import sqlalchemy as sa

from nova_like.volume.db import models
from nova_like.volume import errors

# Where each transitional state ends when it fails or times out.
TRANSITIONS = {'creating': 'error', 'extending': 'error_extending',
               'deleting': 'error_deleting'}
DELETABLE = ('available', 'error', 'error_restoring', 'error_extending',
             'error_managing')
# What os-reset_status may set, as Cinder allows.
RESET_STATUSES = ('available', 'error', 'creating', 'deleting', 'in-use',
                  'attaching', 'detaching', 'error_deleting',
                  'error_extending', 'maintenance', 'reserved', 'extending')
RESET_ATTACH_STATUSES = ('attached', 'detached')
SORT_KEYS = ('id', 'name', 'status', 'size', 'availability_zone',
             'created_at', 'updated_at', 'bootable', 'project_id')


def get_row(session, volume_id):
    row = session.get(models.Volume, volume_id)
    if row is None:
        raise errors.VolumeNotFound(volume_id=volume_id)
    return row


def cas(session, table, row_id, from_statuses, status, **values):
    """Move the row of table to status if it is in one of from_statuses.

    :returns: True when this call moved it, False when it was not in
        from_statuses (someone else moved it, or it is gone).
    """
    now = models.utcnow()
    result = session.execute(
        sa.update(table).where(table.id == row_id,
                               table.status.in_(from_statuses))
        .values(status=status, status_changed_at=now, updated_at=now,
                **values).execution_options(synchronize_session=False))
    return result.rowcount == 1


def transition(session, volume_id, from_statuses, status, **values):
    """cas() on a volume."""
    return cas(session, models.Volume, volume_id, from_statuses, status,
               **values)


def delete_row(session, volume_id, status='deleting',
               table=models.Volume):
    """Remove the row of a volume (or a snapshot, with table) in status;
    True when it was there."""
    result = session.execute(sa.delete(table).where(
        table.id == volume_id, table.status == status))
    return result.rowcount == 1


def snapshot_count(session, volume_id):
    return session.execute(sa.select(sa.func.count()).select_from(
        models.Snapshot).where(models.Snapshot.volume_id == volume_id)
    ).scalar()


def _sort(params):
    """[(key, direction)] from sort=key:dir,... or sort_key/sort_dir."""
    pairs = []
    if params.get('sort'):
        for item in params['sort'].split(','):
            key, _, direction = item.strip().partition(':')
            pairs.append((key, direction or 'desc'))
    elif params.get('sort_key') or params.get('sort_dir'):
        pairs.append((params.get('sort_key') or 'created_at',
                      params.get('sort_dir') or 'desc'))
    pairs = pairs or [('created_at', 'desc')]
    for key, direction in pairs:
        if key not in SORT_KEYS:
            raise errors.bad_request('Invalid sort key %s (one of %s)'
                                     % (key, ', '.join(SORT_KEYS)))
        if direction not in ('asc', 'desc'):
            raise errors.bad_request("Invalid sort direction %s: 'asc' or "
                                     "'desc'" % direction)
    if 'id' not in [k for k, _ in pairs]:
        pairs.append(('id', pairs[-1][1]))
    return pairs


def _marker_clause(table, pairs, marker):
    """Rows after marker in the order of pairs (keyset pagination)."""
    clauses = []
    for i, (key, direction) in enumerate(pairs):
        column = getattr(table, key)
        value = getattr(marker, key)
        equal = [getattr(table, k) == getattr(marker, k)
                 for k, _ in pairs[:i]]
        after = column > value if direction == 'asc' else column < value
        clauses.append(sa.and_(*equal, after))
    return sa.or_(*clauses)


def list_rows(session, project_id, filters, params, type_ids=None):
    """The volumes of project_id (every project's with None).

    :param filters: {name, status, availability_zone, bootable, metadata}
        exact matches, metadata a dict every pair of which must be there.
    :param params: sort, sort_key, sort_dir, limit, marker, offset.
    :returns: (rows, more) where more says whether a page was cut.
    """
    table = models.Volume
    query = sa.select(table)
    if project_id is not None:
        query = query.where(table.project_id == project_id)
    for key in ('name', 'status', 'availability_zone', 'bootable',
                'volume_type_id'):
        if key in filters:
            query = query.where(getattr(table, key) == filters[key])
    pairs = _sort(params)
    marker_id = params.get('marker')
    if marker_id:
        marker = session.get(table, marker_id)
        if marker is None:
            raise errors.bad_request('Marker %s could not be found.'
                                     % marker_id)
        query = query.where(_marker_clause(table, pairs, marker))
    query = query.order_by(*[
        getattr(table, k).asc() if d == 'asc' else getattr(table, k).desc()
        for k, d in pairs])
    rows = list(session.execute(query).scalars())
    wanted = filters.get('metadata')
    if wanted:
        rows = [r for r in rows if all(
            (r.metadata_ or {}).get(k) == v for k, v in wanted.items())]
    rows = rows[params.get('offset') or 0:]
    limit = params.get('limit')
    if limit is not None and len(rows) > limit:
        return rows[:limit], True
    return rows, False
