# SPDX-License-Identifier: Apache-2.0
"""Sessions on the cell database a context names, and shared row helpers.

The row helpers are those every cell resource shares.
"""

import sqlalchemy as sa

from nova_like import conf
from nova_like.db import base
from nova_like.db import engine
from nova_like import exception

CONF = conf.CONF


def url(context):
    """The connection URL of the cell context targets ([database] else)."""
    connection = (getattr(context, 'db_connection', None)
                  or CONF.database.connection)
    if not connection:
        raise exception.DBNotConfigured(group='database')
    return connection


def reader(context):
    return engine.reader(url(context), CONF.database)


def writer(context):
    return engine.writer(url(context), CONF.database)


def in_transaction(context, fn):
    """fn() with its reads and writes in context's cell in one transaction."""
    return engine.run_in_one_transaction(url(context), fn, CONF.database)


def not_deleted(query, model, context):
    if getattr(context, 'read_deleted', 'no') == 'no':
        return query.where(model.deleted == 0)
    if context.read_deleted == 'only':
        return query.where(model.deleted != 0)
    return query


def get_one(context, model, not_found, *where):
    """The row of model matching where (live ones, as context reads).

    :raises: not_found when there is none.
    """
    with reader(context) as session:
        query = not_deleted(sa.select(model).where(*where), model, context)
        row = session.scalars(query).first()
        if row is None:
            raise not_found
        return base.model_dict(row)


def soft_delete_values(row_id):
    return {'deleted': row_id, 'deleted_at': base.utcnow()}


@engine.retry_on_deadlock
def create(context, model, values, what, detail):
    """Insert a row; DuplicateEntry(what, detail) on a unique violation."""
    return base.create_row(writer(context), model, values, what, detail)


@engine.retry_on_deadlock
def update_by_id(context, model, row_id, values, not_found):
    with writer(context) as session:
        row = session.get(model, row_id)
        if row is None or row.deleted:
            raise not_found
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return base.model_dict(row)
