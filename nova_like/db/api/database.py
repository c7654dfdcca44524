# SPDX-License-Identifier: Apache-2.0
"""Sessions on the API database, and the row helpers its resources share."""

import sqlalchemy as sa

from nova_like import conf
from nova_like.db import base
from nova_like.db import engine
from nova_like import exception

CONF = conf.CONF


def url():
    """The connection URL of the API database."""
    connection = CONF.api_database.connection
    if not connection:
        raise exception.DBNotConfigured(group='api_database')
    return connection


def reader():
    return engine.reader(url(), CONF.api_database)


def writer():
    return engine.writer(url(), CONF.api_database)


def in_transaction(fn):
    """fn() with its API-database reads and writes in one transaction."""
    return engine.run_in_one_transaction(url(), fn, CONF.api_database)


def create(model, values, what, detail_key):
    """Insert a row; DuplicateEntry(what, values[detail_key]) on a unique
    violation."""
    return base.create_row(writer(), model, values, what,
                           values.get(detail_key))


# Statements of get_one and delete by (kind, model, filtered columns),
# their values bound at execution: built and compiled once, not per call.
_BY_COLUMNS = {}


def by_columns(kind, model, filters):
    """The cached statement and its parameters for filters."""
    key = (kind, model, tuple(sorted(filters)))
    statement = _BY_COLUMNS.get(key)
    if statement is None:
        table = model.__table__
        where = [table.c[name] == sa.bindparam('by_' + name)
                 for name in key[2]]
        statement = _BY_COLUMNS[key] = (
            sa.select(table).where(*where).limit(1) if kind == 'get'
            else sa.delete(table).where(*where))
    return statement, {'by_' + k: v for k, v in filters.items()}


def get_one(model, not_found, **filters):
    with reader() as session:
        rows = base.table_rows(session,
                               *by_columns('get', model, filters))
        if not rows:
            raise not_found
        return rows[0]


def get_all(model, order_by, **filters):
    with reader() as session:
        query = sa.select(model).filter_by(**filters).order_by(order_by)
        return [base.model_dict(r) for r in session.scalars(query)]


@engine.retry_on_deadlock
def update(model, not_found, row_filter, values):
    with writer() as session:
        row = base.update_row(session, model, row_filter, values)
        if row is None:
            raise not_found
        return row


@engine.retry_on_deadlock
def delete(model, not_found, **filters):
    with writer() as session:
        result = session.execute(*by_columns('delete', model, filters))
        if result.rowcount == 0:
            raise not_found
