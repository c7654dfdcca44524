# SPDX-License-Identifier: Apache-2.0
"""Consumers with their generations, projects, users and consumer types."""

import sqlalchemy as sa

from nova_like.db import engine
from nova_like.placement.db import models
from nova_like.placement import errors
from nova_like.placement import util

_C = models.CONSUMER
_P = models.PROJECT
_U = models.USER
_CT = models.CONSUMER_TYPE

# Upstream's [placement]incomplete_consumer_{project,user}_id default:
# the owner recorded for allocations written before microversion 1.8.
INCOMPLETE_ID = '00000000-0000-0000-0000-000000000000'


def ensure_names(db, table, column, values):
    """{value: id} for values, inserting missing rows (own transaction)."""
    values = sorted({v for v in values if v is not None})
    if not values:
        return {}
    # Project, user and consumer-type rows are never deleted or renamed, so
    # a name's id, once seen, is kept for the life of the process: the usual
    # PUT of allocations then needs no transaction for its owners.
    ids = db.memo.setdefault(('owner ids', table.name), {})
    known = {v: ids.get(v) for v in values}
    if None not in known.values():
        return known
    found = _ensure_names(db, table, column, values)
    ids.update(found)
    return found


def _ensure_names(db, table, column, values):
    col = table.c[column]
    for attempt in range(5):
        try:
            with db.writer() as s:
                found = dict(s.execute(sa.select(col, table.c.id).where(
                    col.in_(values))).all())
                missing = [v for v in values if v not in found]
                if missing:
                    now = util.utcnow()
                    s.execute(sa.insert(table), [
                        {column: v, 'created_at': now} for v in missing])
                    found = dict(s.execute(sa.select(col, table.c.id).where(
                        col.in_(values))).all())
            return found
        except sa.exc.IntegrityError as exc:
            if not engine.is_duplicate(exc) or attempt == 4:
                raise


def ensure_owners(db, requests):
    """Project, user and consumer-type ids of every request, made as needed."""
    return (ensure_names(db, _P, 'external_id',
                         [r['project_id'] for r in requests]),
            ensure_names(db, _U, 'external_id',
                         [r['user_id'] for r in requests]),
            ensure_names(db, _CT, 'name',
                         [r.get('consumer_type') for r in requests]))


def _select():
    return sa.select(
        _C.c.id, _C.c.uuid, _C.c.generation, _C.c.consumer_type_id,
        _P.c.external_id.label('project_id'),
        _U.c.external_id.label('user_id'),
        _CT.c.name.label('consumer_type')).select_from(
        _C.join(_P, _P.c.id == _C.c.project_id)
        .join(_U, _U.c.id == _C.c.user_id)
        .outerjoin(_CT, _CT.c.id == _C.c.consumer_type_id))


# Built once, as every allocation write runs them (see allocation.py).
_GET = _select().where(_C.c.uuid == sa.bindparam('uuid'))
_INSERT = sa.insert(_C)
_DELETE = sa.delete(_C).where(_C.c.uuid == sa.bindparam('uuid'))


def get_in(s, uuid):
    """The consumer row (with project, user and type names) or None."""
    return s.execute(_GET, {'uuid': uuid}).first()


def _conflict(uuid, expected, got):
    return errors.ConcurrentUpdate(
        'consumer generation conflict - expected %s but got %s for '
        'consumer %s' % (expected, got, uuid))


def save_in(s, request, owners, check_generation):
    """Create or update the consumer of request, checking its generation.

    :returns: the consumer's row id.
    """
    uuid = request['consumer_uuid']
    projects, users, types = owners
    current = get_in(s, uuid)
    given = request.get('consumer_generation')
    values = {'project_id': projects[request['project_id']],
              'user_id': users[request['user_id']]}
    if 'consumer_type' in request:
        values['consumer_type_id'] = types.get(request['consumer_type'])
    if current is None:
        if check_generation and given is not None:
            raise _conflict(uuid, None, given)
        try:
            return s.execute(_INSERT, dict(
                values, uuid=uuid, generation=1,
                created_at=util.utcnow())).inserted_primary_key[0]
        except sa.exc.IntegrityError as exc:
            if not engine.is_duplicate(exc):
                raise
            raise _conflict(uuid, None, 'a consumer created concurrently')
    expected = current.generation
    if check_generation and given != expected:
        raise _conflict(uuid, expected, given)
    result = s.execute(sa.update(_C).where(
        _C.c.id == current.id, _C.c.generation == expected).values(
        generation=expected + 1, updated_at=util.utcnow(), **values))
    if result.rowcount != 1:
        raise _conflict(uuid, expected, 'a concurrent update')
    return current.id


def delete_in(s, uuid):
    s.execute(_DELETE, {'uuid': uuid})
