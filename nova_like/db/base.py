# SPDX-License-Identifier: Apache-2.0
"""Declarative bases, column helpers, and row and query helpers.

The column helpers are those every model shares; the row and query helpers
serve both databases.
"""

import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_like.db import engine
from nova_like import exception


def utcnow():
    """Naive UTC now, the form every DateTime column stores."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class TimestampMixin:
    created_at = sa.Column(sa.DateTime, default=utcnow)
    updated_at = sa.Column(sa.DateTime, onupdate=utcnow)


class SoftDeleteMixin:
    """Rows are marked deleted (deleted = id) so that names can be reused."""
    deleted_at = sa.Column(sa.DateTime)
    deleted = sa.Column(sa.Integer, default=0, nullable=False)


def model_dict(row):
    """The row's columns as a dict."""
    keys = _column_keys.get(type(row))
    if keys is None:
        keys = _column_keys[type(row)] = tuple(
            c.key for c in sa.inspect(type(row)).column_attrs)
    return {key: getattr(row, key) for key in keys}


_column_keys = {}


def table_rows(session, query, params=None):
    """The rows of a Core query on a model's table, as model_dict gives
    them: several times cheaper than loading ORM objects to read a list."""
    return [dict(row) for row in session.execute(query, params).mappings()]


def insert_row(session, model, values):
    """INSERT one row of model and return it as model_dict would.

    A plain INSERT ... RETURNING (PostgreSQL, SQLite 3.35+, MariaDB 10.5+)
    without the ORM's unit of work, which costs several times as much CPU
    for a row that is not used as an ORM object afterwards.
    """
    statement, columns, keys = _INSERTS.get(model) or _insert_for(model)
    unknown = values.keys() - keys
    if unknown:  # Core would drop them silently
        raise TypeError('%s has no column %s' % (
            model.__name__, ', '.join(sorted(unknown))))
    row = session.execute(statement, values).one()
    return {key: row._mapping[column] for key, column in columns}


def create_row(writer, model, values, what, detail):
    """insert_row in the session of writer (a database's writer(), not yet
    entered).

    :raises: DuplicateEntry(what, detail) on a unique violation.
    """
    try:
        with writer as session:
            return insert_row(session, model, values)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(what=what, detail=detail)
        raise


_INSERTS = {}


def _insert_for(model):
    """One statement per model, its parameters bound at execution: compiled
    once, where .values(**values) would cost four times the CPU per row."""
    table = model.__table__
    columns = [(prop.key, prop.columns[0])
               for prop in sa.inspect(model).column_attrs]
    _INSERTS[model] = (sa.insert(table).returning(*table.c), columns,
                       frozenset(key for key, _ in columns))
    return _INSERTS[model]


def update_row(session, model, where, values, expected=None):
    """UPDATE model's row whose columns equal where with values.

    :param expected: {column: list of values it may hold (None among them
        matches NULL)}: a compare-and-swap; a row holding anything else is
        not updated.
    :returns: the row after it, as model_dict would give it, or None when
        no row matched. One cached statement per (model, columns, shape of
        expected), its values bound at execution; an UPDATE .. RETURNING
        where the backend has it (PostgreSQL, SQLite), else the UPDATE and
        a SELECT (MariaDB). Cheaper than the ORM's load, unit of work and
        refresh.
    """
    expected = expected or {}
    returning = session.get_bind().dialect.update_returning
    shape = tuple(sorted((column, None in allowed)
                         for column, allowed in expected.items()))
    key = (model, tuple(sorted(where)), tuple(sorted(values)), shape,
           returning)
    entry = _UPDATES.get(key) or _update_for(key)
    statement, select, refind, columns = entry
    params = {'where_' + k: v for k, v in where.items()}
    params.update(('new_' + k, v) for k, v in values.items())
    params.update(('expect_' + k, [v for v in allowed if v is not None])
                  for k, allowed in expected.items())
    if not values:
        row = session.execute(select, params).first()
    else:
        result = session.execute(statement, params)
        if returning:
            row = result.first()
        elif result.rowcount:
            # Found again by the new values of the columns it was found by.
            row = session.execute(refind, {'where_' + k: values.get(k, v)
                                           for k, v in where.items()}).first()
        else:
            row = None
    if row is None:
        return None
    return {key: row._mapping[column] for key, column in columns}


_UPDATES = {}
_UPDATES_MAX = 512  # shapes are few; a bound all the same


def _update_for(key):
    model, where_keys, value_keys, shape, returning = key
    props = sa.inspect(model).column_attrs
    columns = [(prop.key, prop.columns[0]) for prop in props]
    unknown = (set(value_keys) | {c for c, _ in shape}) - {
        k for k, _ in columns}
    if unknown:  # the ORM would set a plain attribute and write nothing
        raise TypeError('%s has no column %s' % (
            model.__name__, ', '.join(sorted(unknown))))
    match = [props[k].columns[0] == sa.bindparam('where_' + k)
             for k in where_keys]
    conditions = list(match)
    for name, none_allowed in shape:
        col = props[name].columns[0]
        allowed = col.in_(sa.bindparam('expect_' + name, expanding=True))
        conditions.append(sa.or_(allowed, col.is_(None)) if none_allowed
                          else allowed)
    statement = sa.update(model.__table__).where(*conditions).values(
        {props[k].columns[0].key: sa.bindparam('new_' + k)
         for k in value_keys})
    if returning:
        statement = statement.returning(*model.__table__.c)
    if len(_UPDATES) >= _UPDATES_MAX:
        _UPDATES.clear()
    _UPDATES[key] = (statement,
                     sa.select(model.__table__).where(*conditions),
                     sa.select(model.__table__).where(*match), columns)
    return _UPDATES[key]


def _sort_flag(col):
    # 0 for NULL, 1 otherwise: NULLs first ascending, last descending, on
    # every backend (MySQL has no NULLS FIRST).
    return sa.case((col.is_(None), 0), else_=1)


def paginate(query, model, sort_keys, sort_dirs, marker=None):
    """Order query by sort_keys/sort_dirs and keep the rows after marker.

    :param marker: the column values of the marker row, or None.
    """
    for key, direction in zip(sort_keys, sort_dirs):
        col = getattr(model, key)
        if direction == 'desc':
            query = query.order_by(_sort_flag(col).desc(), col.desc())
        else:
            query = query.order_by(_sort_flag(col).asc(), col.asc())
    if marker is None:
        return query
    alternatives = []
    for index, (key, direction) in enumerate(zip(sort_keys, sort_dirs)):
        clauses = []
        for prev in sort_keys[:index]:
            col, value = getattr(model, prev), marker.get(prev)
            clauses.append(col.is_(None) if value is None else col == value)
        col, value = getattr(model, key), marker.get(key)
        if direction == 'desc':
            if value is None:
                continue
            clauses.append(sa.or_(col < value, col.is_(None)))
        else:
            clauses.append(col.is_not(None) if value is None
                           else col > value)
        alternatives.append(sa.and_(*clauses))
    return query.where(sa.or_(*alternatives)) if alternatives else \
        query.where(sa.false())


MYSQL_KW = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4'}


def new_base():
    class Base(orm.DeclarativeBase):
        pass
    return Base
