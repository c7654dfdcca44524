# SPDX-License-Identifier: Apache-2.0
"""Compute nodes of a cell: the hypervisor nodes its compute hosts report."""

import sqlalchemy as sa

from nova_like.db import base
from nova_like.db import engine
from nova_like.db.main import database
from nova_like.db.main import models
from nova_like import exception


def compute_node_create(context, values):
    return database.create(context, models.ComputeNode, values, 'Compute node',
                           values.get('hypervisor_hostname'))


def compute_node_get_all(context, host=None, unmapped_only=False):
    with database.reader(context) as session:
        table = models.ComputeNode.__table__
        query = database.not_deleted(sa.select(table), table.c, context)
        if host:
            query = query.where(table.c.host == host)
        if unmapped_only:
            query = query.where(table.c.mapped == 0)
        return base.table_rows(session, query.order_by(table.c.id))


def compute_services_and_nodes(context, binary):
    """(live services of binary, live compute nodes), as rows, read in one
    session: what the scheduler needs of a cell for each request."""
    services = models.Service.__table__
    nodes = models.ComputeNode.__table__
    with database.reader(context) as session:
        return (
            base.table_rows(session, database.not_deleted(
                sa.select(services).where(services.c.binary == binary),
                services.c, context).order_by(services.c.id)),
            base.table_rows(session, database.not_deleted(
                sa.select(nodes), nodes.c, context).order_by(nodes.c.id)))


def compute_node_get_by_host_and_nodename(context, host, nodename):
    return database.get_one(
        context, models.ComputeNode,
        exception.ComputeNodeNotFound(node=nodename),
        models.ComputeNode.host == host,
        models.ComputeNode.hypervisor_hostname == nodename)


def compute_node_update(context, node_id, values):
    return database.update_by_id(context, models.ComputeNode, node_id, values,
                                 exception.ComputeNodeNotFound(node=node_id))


@engine.retry_on_deadlock
def compute_nodes_destroy_by_host(context, host):
    """Soft-delete the compute nodes of host; return their uuids."""
    with database.writer(context) as session:
        rows = list(session.scalars(sa.select(models.ComputeNode).where(
            models.ComputeNode.host == host,
            models.ComputeNode.deleted == 0)))
        for row in rows:
            session.execute(sa.update(models.ComputeNode)
                            .where(models.ComputeNode.id == row.id)
                            .values(**database.soft_delete_values(row.id)))
        return [row.uuid for row in rows]
