# SPDX-License-Identifier: Apache-2.0
"""Queries on a cell database. Each function takes the context that names the cell."""

import sqlalchemy as sa

from nova_like import conf
from nova_like.db import base
from nova_like.db import engine
from nova_like.db.main import models
from nova_like import exception

CONF = conf.CONF


def _url(context):
    url = getattr(context, 'db_connection', None) or CONF.database.connection
    if not url:
        raise exception.DBNotConfigured(group='database')
    return url


def reader(context):
    return engine.reader(_url(context), CONF.database)


def writer(context):
    return engine.writer(_url(context), CONF.database)


def _not_deleted(query, model, context):
    if getattr(context, 'read_deleted', 'no') == 'no':
        return query.where(model.deleted == 0)
    if context.read_deleted == 'only':
        return query.where(model.deleted != 0)
    return query


def _soft_delete_values(row_id):
    return {'deleted': row_id, 'deleted_at': base.utcnow()}


# Services

@engine.retry_on_deadlock
def service_create(context, values):
    row = models.Service(**values)
    try:
        with writer(context) as session:
            session.add(row)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(
                what='Service', detail='%(binary)s on %(host)s' % values)
        raise
    return base.model_dict(row)


def service_get(context, service_id):
    with reader(context) as session:
        query = _not_deleted(sa.select(models.Service).where(
            models.Service.id == service_id), models.Service, context)
        row = session.scalars(query).first()
        if row is None:
            raise exception.ServiceNotFound(service_id=service_id)
        return base.model_dict(row)


def service_get_by_host_and_binary(context, host, binary):
    with reader(context) as session:
        query = _not_deleted(sa.select(models.Service).where(
            models.Service.host == host, models.Service.binary == binary),
            models.Service, context)
        row = session.scalars(query).first()
        if row is None:
            raise exception.HostBinaryNotFound(host=host, binary=binary)
        return base.model_dict(row)


def service_get_all(context, binary=None, host=None):
    with reader(context) as session:
        query = _not_deleted(sa.select(models.Service), models.Service,
                             context)
        if binary:
            query = query.where(models.Service.binary == binary)
        if host:
            query = query.where(models.Service.host == host)
        return [base.model_dict(r)
                for r in session.scalars(query.order_by(models.Service.id))]


@engine.retry_on_deadlock
def service_update(context, service_id, values):
    with writer(context) as session:
        row = session.get(models.Service, service_id)
        if row is None or row.deleted:
            raise exception.ServiceNotFound(service_id=service_id)
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return base.model_dict(row)


@engine.retry_on_deadlock
def service_heartbeat(context, service_id):
    """Bump report_count and last_seen_up in one UPDATE; return the row."""
    with writer(context) as session:
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
    with writer(context) as session:
        result = session.execute(
            sa.update(models.Service)
            .where(models.Service.id == service_id,
                   models.Service.deleted == 0)
            .values(**_soft_delete_values(service_id)))
        if result.rowcount != 1:
            raise exception.ServiceNotFound(service_id=service_id)


# Compute nodes

@engine.retry_on_deadlock
def compute_node_create(context, values):
    row = models.ComputeNode(**values)
    try:
        with writer(context) as session:
            session.add(row)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(
                what='Compute node',
                detail=values.get('hypervisor_hostname'))
        raise
    return base.model_dict(row)


def compute_node_get_all(context, host=None, unmapped_only=False):
    with reader(context) as session:
        query = _not_deleted(sa.select(models.ComputeNode),
                             models.ComputeNode, context)
        if host:
            query = query.where(models.ComputeNode.host == host)
        if unmapped_only:
            query = query.where(models.ComputeNode.mapped == 0)
        return [base.model_dict(r) for r in
                session.scalars(query.order_by(models.ComputeNode.id))]


def compute_node_get_by_host_and_nodename(context, host, nodename):
    with reader(context) as session:
        query = _not_deleted(sa.select(models.ComputeNode).where(
            models.ComputeNode.host == host,
            models.ComputeNode.hypervisor_hostname == nodename),
            models.ComputeNode, context)
        row = session.scalars(query).first()
        if row is None:
            raise exception.ComputeNodeNotFound(node=nodename)
        return base.model_dict(row)


@engine.retry_on_deadlock
def compute_node_update(context, node_id, values):
    with writer(context) as session:
        row = session.get(models.ComputeNode, node_id)
        if row is None or row.deleted:
            raise exception.ComputeNodeNotFound(node=node_id)
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return base.model_dict(row)


# Instances

@engine.retry_on_deadlock
def instance_create(context, values):
    row = models.Instance(**values)
    try:
        with writer(context) as session:
            session.add(row)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(what='Instance',
                                           detail=values.get('uuid'))
        raise
    return base.model_dict(row)


def instance_get_by_uuid(context, uuid):
    with reader(context) as session:
        query = _not_deleted(sa.select(models.Instance).where(
            models.Instance.uuid == uuid), models.Instance, context)
        row = session.scalars(query).first()
        if row is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return base.model_dict(row)


@engine.retry_on_deadlock
def instance_update(context, uuid, values, expected=None):
    """Update an instance; with expected, only if those columns still match.

    :param expected: {column: value or list of allowed values}; the update
        is a compare-and-swap on them.
    :raises: InstanceNotFound, UnexpectedTaskStateError.
    """
    expected = expected or {}
    with writer(context) as session:
        where = [models.Instance.uuid == uuid, models.Instance.deleted == 0]
        for column, allowed in expected.items():
            allowed = allowed if isinstance(allowed, (list, tuple, set)) \
                else [allowed]
            col = getattr(models.Instance, column)
            clauses = [col.is_(None) if v is None else col == v
                       for v in allowed]
            where.append(sa.or_(*clauses))
        values = dict(values, updated_at=base.utcnow())
        result = session.execute(
            sa.update(models.Instance).where(*where).values(**values))
        row = session.scalars(sa.select(models.Instance).where(
            models.Instance.uuid == uuid)).first()
        if row is None or (row.deleted and result.rowcount != 1):
            raise exception.InstanceNotFound(instance_id=uuid)
        if result.rowcount != 1:
            actual = {c: getattr(row, c) for c in expected}
            if 'task_state' in actual:
                exc = (exception.UnexpectedDeletingTaskStateError
                       if actual['task_state'] == 'deleting'
                       else exception.UnexpectedTaskStateError)
                raise exc(expected=expected, actual=actual)
            raise exception.UnexpectedTaskStateError(expected=expected,
                                                     actual=actual)
        session.refresh(row)
        return base.model_dict(row)


@engine.retry_on_deadlock
def instance_destroy(context, uuid):
    with writer(context) as session:
        row = session.scalars(sa.select(models.Instance).where(
            models.Instance.uuid == uuid,
            models.Instance.deleted == 0)).first()
        if row is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        values = _soft_delete_values(row.id)
        values['terminated_at'] = values['deleted_at']
        session.execute(sa.update(models.Instance)
                        .where(models.Instance.id == row.id).values(**values))
        session.refresh(row)
        return base.model_dict(row)


# Instance faults

@engine.retry_on_deadlock
def instance_fault_create(context, values):
    row = models.InstanceFault(**values)
    with writer(context) as session:
        session.add(row)
    return base.model_dict(row)


def instance_fault_get_by_instance_uuids(context, uuids, latest=False):
    """Faults by instance uuid, newest first."""
    if not uuids:
        return {}
    with reader(context) as session:
        rows = session.scalars(
            sa.select(models.InstanceFault)
            .where(models.InstanceFault.instance_uuid.in_(uuids))
            .order_by(models.InstanceFault.created_at.desc(),
                      models.InstanceFault.id.desc()))
        faults = {}
        for row in rows:
            bucket = faults.setdefault(row.instance_uuid, [])
            if not (latest and bucket):
                bucket.append(base.model_dict(row))
        return faults


def instance_uuids_by_host(context, hosts):
    """{host: set of uuids} of the live instances on hosts."""
    with reader(context) as session:
        rows = session.execute(
            sa.select(models.Instance.host, models.Instance.uuid)
            .where(models.Instance.host.in_(list(hosts)),
                   models.Instance.deleted == 0))
        result = {host: set() for host in hosts}
        for host, uuid in rows:
            result[host].add(uuid)
        return result


def instance_get_all_by_states(context, vm_states=None, task_states=None):
    """Live instances whose vm_state or task_state is in the lists given."""
    clauses = []
    if vm_states:
        clauses.append(models.Instance.vm_state.in_(vm_states))
    if task_states:
        clauses.append(models.Instance.task_state.in_(task_states))
    with reader(context) as session:
        rows = session.scalars(sa.select(models.Instance).where(
            models.Instance.deleted == 0, sa.or_(*clauses)))
        return [base.model_dict(r) for r in rows]
