# SPDX-License-Identifier: Apache-2.0
"""Services of a cell: one row per daemon on a host, with its heartbeat."""

import sqlalchemy as sa

from nova_like.db import base
from nova_like.db import engine
from nova_like.db.main import database
from nova_like.db.main import models
from nova_like import exception


def service_create(context, values):
    return database.create(context, models.Service, values, 'Service',
                           '%(binary)s on %(host)s' % values)


def service_get(context, service_id):
    return database.get_one(
        context, models.Service,
        exception.ServiceNotFound(service_id=service_id),
        models.Service.id == service_id)


def service_get_by_host_and_binary(context, host, binary):
    return database.get_one(
        context, models.Service,
        exception.HostBinaryNotFound(host=host, binary=binary),
        models.Service.host == host, models.Service.binary == binary)


def service_get_all(context, binary=None, host=None):
    with database.reader(context) as session:
        table = models.Service.__table__
        query = database.not_deleted(sa.select(table), table.c, context)
        if binary:
            query = query.where(table.c.binary == binary)
        if host:
            query = query.where(table.c.host == host)
        return base.table_rows(session, query.order_by(table.c.id))


def service_update(context, service_id, values):
    return database.update_by_id(
        context, models.Service, service_id, values,
        exception.ServiceNotFound(service_id=service_id))


@engine.retry_on_deadlock
def service_heartbeat(context, service_id):
    """Bump report_count and last_seen_up in one UPDATE; return the row."""
    with database.writer(context) as session:
        result = session.execute(
            sa.update(models.Service)
            .where(models.Service.id == service_id,
                   models.Service.deleted == 0)
            .values(report_count=models.Service.report_count + 1,
                    last_seen_up=base.utcnow(),
                    updated_at=base.utcnow()))
        if result.rowcount != 1:
            raise exception.ServiceNotFound(service_id=service_id)
        return base.model_dict(session.get(models.Service, service_id))


@engine.retry_on_deadlock
def service_destroy(context, service_id):
    with database.writer(context) as session:
        result = session.execute(
            sa.update(models.Service)
            .where(models.Service.id == service_id,
                   models.Service.deleted == 0)
            .values(**database.soft_delete_values(service_id)))
        if result.rowcount != 1:
            raise exception.ServiceNotFound(service_id=service_id)
