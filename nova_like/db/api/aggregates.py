# SPDX-License-Identifier: Apache-2.0
"""Host aggregates in the API database: hosts and metadata.

availability_zone is among the metadata.
"""

import sqlalchemy as sa

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import base
from nova_like.db import engine
from nova_like import exception

_A = models.Aggregate
_H = models.AggregateHost
_M = models.AggregateMetadata


def _with_members(session, aggregates):
    """Give each aggregate dict its 'hosts' and 'metadata': two queries
    however many aggregates there are."""
    by_id = {}
    for value in aggregates:
        value['hosts'], value['metadata'] = [], {}
        by_id[value['id']] = value
    if not by_id:
        return aggregates
    ids = list(by_id)
    for aggregate_id, host in session.execute(
            sa.select(_H.aggregate_id, _H.host)
            .where(_H.aggregate_id.in_(ids)).order_by(_H.id)):
        by_id[aggregate_id]['hosts'].append(host)
    for aggregate_id, key, value in session.execute(
            sa.select(_M.aggregate_id, _M.key, _M.value)
            .where(_M.aggregate_id.in_(ids))):
        by_id[aggregate_id]['metadata'][key] = value
    return aggregates


def _full(session, row):
    return _with_members(session, [base.model_dict(row)])[0]


def _row(session, aggregate_id):
    row = session.get(_A, aggregate_id)
    if row is None:
        raise exception.AggregateNotFound(aggregate_id=aggregate_id)
    return row


def _name_taken(session, name, but=None):
    query = sa.select(_A.id).where(_A.name == name)
    if but is not None:
        query = query.where(_A.id != but)
    return session.scalar(query) is not None


@engine.retry_on_deadlock
def aggregate_create(values, metadata=None):
    """:raises: AggregateNameExists."""
    try:
        with database.writer() as session:
            if _name_taken(session, values['name']):
                raise exception.AggregateNameExists(
                    aggregate_name=values['name'])
            row = _A(**values)
            session.add(row)
            session.flush()
            for key, value in (metadata or {}).items():
                session.add(_M(aggregate_id=row.id, key=key, value=value))
            session.flush()
            return _full(session, row)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.AggregateNameExists(aggregate_name=values['name'])
        raise


def aggregate_get(aggregate_id):
    with database.reader() as session:
        return _full(session, _row(session, aggregate_id))


def aggregate_get_by_uuid(uuid):
    with database.reader() as session:
        row = session.scalars(sa.select(_A).where(_A.uuid == uuid)).first()
        if row is None:
            raise exception.AggregateNotFound(aggregate_id=uuid)
        return _full(session, row)


def aggregate_get_all(host=None):
    """Every aggregate, or those holding host: three queries however many
    aggregates there are (the scheduler reads them for each request)."""
    with database.reader() as session:
        query = sa.select(_A.__table__).order_by(_A.id)
        if host is not None:
            query = query.where(_A.id.in_(
                sa.select(_H.aggregate_id).where(_H.host == host)))
        return _with_members(session, base.table_rows(session, query))


@engine.retry_on_deadlock
def aggregate_update(aggregate_id, values, metadata=None):
    """Rename and/or set metadata (a None value removes the key).

    :raises: AggregateNotFound, AggregateNameExists.
    """
    with database.writer() as session:
        row = _row(session, aggregate_id)
        if 'name' in values and _name_taken(session, values['name'],
                                            but=row.id):
            raise exception.AggregateNameExists(aggregate_name=values['name'])
        for key, value in values.items():
            setattr(row, key, value)
        for key, value in (metadata or {}).items():
            session.execute(sa.delete(_M).where(_M.aggregate_id == row.id,
                                                _M.key == key))
            if value is not None:
                session.add(_M(aggregate_id=row.id, key=key, value=value))
        row.updated_at = base.utcnow()
        session.flush()
        return _full(session, row)


@engine.retry_on_deadlock
def aggregate_delete(aggregate_id):
    with database.writer() as session:
        row = _row(session, aggregate_id)
        for model in (_H, _M):
            session.execute(sa.delete(model).where(
                model.aggregate_id == row.id))
        session.delete(row)


def _zone(session, aggregate_id):
    return session.scalar(sa.select(_M.value).where(
        _M.aggregate_id == aggregate_id, _M.key == 'availability_zone'))


@engine.retry_on_deadlock
def aggregate_host_add(aggregate_id, host):
    """:raises: AggregateNotFound, AggregateHostExists, AggregateAZConflict."""
    try:
        with database.writer() as session:
            row = _row(session, aggregate_id)
            if session.scalar(sa.select(_H.id).where(
                    _H.aggregate_id == row.id, _H.host == host)):
                raise exception.AggregateHostExists(aggregate_id=row.id,
                                                    host=host)
            zone = _zone(session, row.id)
            if zone is not None:
                others = set(session.scalars(
                    sa.select(_M.value).join(
                        _H, _H.aggregate_id == _M.aggregate_id)
                    .where(_H.host == host,
                           _M.key == 'availability_zone')))
                others.discard(zone)
                if others:
                    raise exception.AggregateAZConflict(
                        host=host, aggregate_id=row.id,
                        zones=', '.join(sorted(others)))
            session.add(_H(aggregate_id=row.id, host=host))
            session.flush()
            return _full(session, row)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                                host=host)
        raise


@engine.retry_on_deadlock
def aggregate_host_delete(aggregate_id, host):
    """:raises: AggregateNotFound, AggregateHostNotFound."""
    with database.writer() as session:
        row = _row(session, aggregate_id)
        result = session.execute(sa.delete(_H).where(
            _H.aggregate_id == row.id, _H.host == host))
        if result.rowcount == 0:
            raise exception.AggregateHostNotFound(aggregate_id=row.id,
                                                  host=host)
        return _full(session, row)


def zones_of_hosts_in_conflict(aggregate_id, zone):
    """Hosts of aggregate_id that another aggregate puts in a zone != zone."""
    with database.reader() as session:
        hosts = sa.select(_H.host).where(_H.aggregate_id == aggregate_id)
        rows = session.execute(
            sa.select(_H.host, _M.value)
            .join(_M, _M.aggregate_id == _H.aggregate_id)
            .where(_H.host.in_(hosts), _H.aggregate_id != aggregate_id,
                   _M.key == 'availability_zone', _M.value != zone))
        return sorted({host for host, _value in rows})
