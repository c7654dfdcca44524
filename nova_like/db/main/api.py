# SPDX-License-Identifier: Apache-2.0
"""Queries on a cell database. Each function takes the context that names the cell."""

from oslo_serialization import jsonutils
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


def in_transaction(context, fn):
    """fn() with its reads and writes in context's cell in one transaction."""
    return engine.run_in_one_transaction(_url(context), fn, CONF.database)


def _not_deleted(query, model, context):
    if getattr(context, 'read_deleted', 'no') == 'no':
        return query.where(model.deleted == 0)
    if context.read_deleted == 'only':
        return query.where(model.deleted != 0)
    return query


def _soft_delete_values(row_id):
    return {'deleted': row_id, 'deleted_at': base.utcnow()}


@engine.retry_on_deadlock
def _create(context, model, values, what, detail):
    """Insert a row; DuplicateEntry(what, detail) on a unique violation."""
    try:
        with writer(context) as session:
            return base.insert_row(session, model, values)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(what=what, detail=detail)
        raise


@engine.retry_on_deadlock
def _update_by_id(context, model, row_id, values, not_found):
    with writer(context) as session:
        row = session.get(model, row_id)
        if row is None or row.deleted:
            raise not_found
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return base.model_dict(row)


# Services

def service_create(context, values):
    return _create(context, models.Service, values, 'Service',
                   '%(binary)s on %(host)s' % values)


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
        table = models.Service.__table__
        query = _not_deleted(sa.select(table), table.c, context)
        if binary:
            query = query.where(table.c.binary == binary)
        if host:
            query = query.where(table.c.host == host)
        return base.table_rows(session, query.order_by(table.c.id))


def service_update(context, service_id, values):
    return _update_by_id(context, models.Service, service_id, values,
                         exception.ServiceNotFound(service_id=service_id))


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

def compute_node_create(context, values):
    return _create(context, models.ComputeNode, values, 'Compute node',
                   values.get('hypervisor_hostname'))


def compute_node_get_all(context, host=None, unmapped_only=False):
    with reader(context) as session:
        table = models.ComputeNode.__table__
        query = _not_deleted(sa.select(table), table.c, context)
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
    with reader(context) as session:
        return (
            base.table_rows(session, _not_deleted(
                sa.select(services).where(services.c.binary == binary),
                services.c, context).order_by(services.c.id)),
            base.table_rows(session, _not_deleted(
                sa.select(nodes), nodes.c, context).order_by(nodes.c.id)))


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


def compute_node_update(context, node_id, values):
    return _update_by_id(context, models.ComputeNode, node_id, values,
                         exception.ComputeNodeNotFound(node=node_id))


# Instances

def instance_create(context, values):
    return _create(context, models.Instance, values, 'Instance',
                   values.get('uuid'))


def instance_get_by_uuid(context, uuid):
    with reader(context) as session:
        query = _not_deleted(sa.select(models.Instance).where(
            models.Instance.uuid == uuid), models.Instance, context)
        row = session.scalars(query).first()
        if row is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return base.model_dict(row)


_INSTANCES = models.Instance.__table__
_INSTANCE_BY_UUID = sa.select(_INSTANCES).where(
    _INSTANCES.c.uuid == sa.bindparam('by_uuid'))


@engine.retry_on_deadlock
def instance_update(context, uuid, values, expected=None):
    """Update an instance; with expected, only if those columns still match.

    One cached UPDATE .. RETURNING (an UPDATE and a SELECT on MariaDB), by
    base.update_row; a second read only when nothing matched, to say why.

    :param expected: {column: value or list of allowed values}; the update
        is a compare-and-swap on them.
    :raises: InstanceNotFound, UnexpectedTaskStateError.
    """
    expected = {column: list(allowed)
                if isinstance(allowed, (list, tuple, set)) else [allowed]
                for column, allowed in (expected or {}).items()}
    values = dict(values, updated_at=base.utcnow())
    with writer(context) as session:
        row = base.update_row(session, models.Instance,
                              {'uuid': uuid, 'deleted': 0}, values, expected)
        if row is not None:
            return row
        # Nothing matched: gone, or not in the expected state.
        rows = base.table_rows(session, _INSTANCE_BY_UUID, {'by_uuid': uuid})
        if not rows or rows[0]['deleted']:
            raise exception.InstanceNotFound(instance_id=uuid)
        actual = {c: rows[0][c] for c in expected}
        if actual.get('task_state') == 'deleting':
            raise exception.UnexpectedDeletingTaskStateError(
                expected=expected, actual=actual)
        raise exception.UnexpectedTaskStateError(expected=expected,
                                                 actual=actual)


@engine.retry_on_deadlock
def instance_destroy(context, uuid, values=None):
    """Soft-delete a live instance, writing values in the same UPDATE.

    :param values: more columns to set, e.g. vm_state 'deleted': the
        instance's last save and its deletion are one statement.
    :raises: InstanceNotFound.
    """
    with writer(context) as session:
        rows = base.table_rows(session, _INSTANCE_BY_UUID, {'by_uuid': uuid})
        if not rows or rows[0]['deleted']:
            raise exception.InstanceNotFound(instance_id=uuid)
        row_id = rows[0]['id']
        values = dict(values or {}, **_soft_delete_values(row_id))
        values['terminated_at'] = values['updated_at'] = values['deleted_at']
        row = base.update_row(session, models.Instance,
                              {'id': row_id, 'deleted': 0}, values)
        if row is None:  # deleted by someone else meanwhile
            raise exception.InstanceNotFound(instance_id=uuid)
        return row


# Instance faults

@engine.retry_on_deadlock
def instance_fault_create(context, values):
    with writer(context) as session:
        return base.insert_row(session, models.InstanceFault, values)


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


# Instance lists (the API's GET /servers)

# Filters compared for equality with a column, or membership for a list.
_INSTANCE_EXACT_FILTERS = ('uuid', 'project_id', 'user_id', 'image_ref',
                           'host', 'node', 'vm_state', 'task_state',
                           'availability_zone', 'reservation_id', 'key_name',
                           'launch_index', 'locked', 'power_state',
                           'launched_at', 'terminated_at', 'config_drive')
# Filters matched as regular expressions, as Nova does for names.
_INSTANCE_REGEX_FILTERS = ('display_name', 'display_description', 'hostname')


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


def instance_get_all_by_filters_sort(context, filters, limit=None,
                                     marker=None, sort_keys=None,
                                     sort_dirs=None):
    """Instances of this cell matching filters, in order, after marker.

    :param filters: column filters (_INSTANCE_EXACT_FILTERS take a value or
        a list; display_name/hostname take a regex), plus 'changes-since'
        / 'changes-before' (updated_at bounds, deleted rows included),
        'deleted' (True/False), 'flavorid', 'tags' / 'tags-any' /
        'not-tags' / 'not-tags-any' (lists).
    :param marker: dict of the marker row's column values, or None.
    """
    filters = dict(filters or {})
    sort_keys = list(sort_keys or ['created_at', 'id'])
    sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
    model = models.Instance
    query = sa.select(_INSTANCES)  # Core rows: no ORM objects for a list
    read_deleted = getattr(context, 'read_deleted', 'no')
    if 'changes-since' in filters or 'changes-before' in filters:
        read_deleted = 'yes'
    if 'deleted' in filters:
        read_deleted = 'only' if filters.pop('deleted') else 'no'
    if read_deleted == 'no':
        query = query.where(model.deleted == 0)
    elif read_deleted == 'only':
        query = query.where(model.deleted != 0)
    since = filters.pop('changes-since', None)
    if since is not None:
        query = query.where(model.updated_at >= since)
    before = filters.pop('changes-before', None)
    if before is not None:
        query = query.where(model.updated_at <= before)
    for key in _INSTANCE_EXACT_FILTERS:
        if key not in filters:
            continue
        value = filters.pop(key)
        col = getattr(model, key)
        if isinstance(value, (list, tuple, set)):
            values = list(value)
            clauses = []
            if None in values:
                clauses.append(col.is_(None))
            rest = [v for v in values if v is not None]
            if rest:
                clauses.append(col.in_(rest))
            query = query.where(sa.or_(*clauses) if clauses else sa.false())
        else:
            query = query.where(col.is_(None) if value is None
                                else col == value)
    for key in _INSTANCE_REGEX_FILTERS:
        if key in filters:
            query = query.where(getattr(model, key).regexp_match(
                str(filters.pop(key))))
    flavorid = filters.pop('flavorid', None)
    if flavorid is not None:
        # The flavor travels as the JSON primitive of a Flavor object.
        query = query.where(model.flavor.contains(
            '"flavorid": %s' % _json_dumps(str(flavorid))))
    query = paginate(query, model, sort_keys, sort_dirs, marker)
    tag_filters = {k: filters.pop(k) for k in
                   ('tags', 'tags-any', 'not-tags', 'not-tags-any')
                   if k in filters}
    with reader(context) as session:
        rows = []
        for row in session.execute(query).mappings():
            values = dict(row)
            if tag_filters and not _tags_match(values, tag_filters):
                continue
            rows.append(values)
            if limit is not None and len(rows) >= limit:
                break
        return rows


def _json_dumps(value):
    return jsonutils.dumps(value)


def _tags_match(values, tag_filters):
    """Nova's four tag filters on an instance row (tags kept as JSON text)."""
    tags = set(jsonutils.loads(values.get('tags_json') or '[]'))
    if 'tags' in tag_filters and not set(tag_filters['tags']) <= tags:
        return False
    if 'tags-any' in tag_filters and not set(tag_filters['tags-any']) & tags:
        return False
    if 'not-tags' in tag_filters and set(tag_filters['not-tags']) <= tags:
        return False
    if 'not-tags-any' in tag_filters and \
            set(tag_filters['not-tags-any']) & tags:
        return False
    return True


def instance_get_by_uuid_any(context, uuid):
    """The instance row with uuid, deleted or not (a list marker)."""
    with reader(context) as session:
        row = session.scalars(sa.select(models.Instance).where(
            models.Instance.uuid == uuid)).first()
        if row is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return base.model_dict(row)


# Operator reads and removal of a compute host

def instances_by_host(context, hosts):
    """{host: [{'uuid', 'name'}]} of the live instances on hosts."""
    with reader(context) as session:
        rows = session.execute(
            sa.select(models.Instance.host, models.Instance.uuid,
                      models.Instance.display_name)
            .where(models.Instance.host.in_(list(hosts)),
                   models.Instance.deleted == 0)
            .order_by(models.Instance.id))
        result = {host: [] for host in hosts}
        for host, uuid, name in rows:
            result[host].append({'uuid': uuid, 'name': name})
        return result


@engine.retry_on_deadlock
def compute_nodes_destroy_by_host(context, host):
    """Soft-delete the compute nodes of host; return their uuids."""
    with writer(context) as session:
        rows = list(session.scalars(sa.select(models.ComputeNode).where(
            models.ComputeNode.host == host,
            models.ComputeNode.deleted == 0)))
        for row in rows:
            session.execute(sa.update(models.ComputeNode)
                            .where(models.ComputeNode.id == row.id)
                            .values(**_soft_delete_values(row.id)))
        return [row.uuid for row in rows]


def instance_get_active_by_window(context, begin, end, project_id=None):
    """Instances (deleted ones too) that existed at some time in [begin, end)."""
    model = models.Instance
    with reader(context) as session:
        query = sa.select(model).where(
            sa.or_(model.terminated_at.is_(None),
                   model.terminated_at > begin),
            sa.or_(model.launched_at.is_(None), model.launched_at < end),
            model.created_at < end)
        if project_id is not None:
            query = query.where(model.project_id == project_id)
        return [base.model_dict(r) for r in session.scalars(
            query.order_by(model.created_at, model.id))]


# Instance actions and their events

def action_start(context, values):
    """Record the start of an action (a row of instance_actions)."""
    values = dict(values)
    values.setdefault('start_time', base.utcnow())
    values.setdefault('updated_at', values['start_time'])
    return _create(context, models.InstanceAction, values, 'Instance action',
                   values.get('request_id'))


def _action_query(instance_uuid, request_id):
    return (sa.select(models.InstanceAction)
            .where(models.InstanceAction.instance_uuid == instance_uuid,
                   models.InstanceAction.request_id == request_id,
                   models.InstanceAction.deleted == 0)
            .order_by(models.InstanceAction.id.desc()))


def _action_row(session, instance_uuid, request_id):
    """:raises: InstanceActionNotFound."""
    row = session.scalars(_action_query(instance_uuid, request_id)).first()
    if row is None:
        raise exception.InstanceActionNotFound(request_id=request_id,
                                               instance_uuid=instance_uuid)
    return row


def action_get_by_request_id(context, instance_uuid, request_id):
    """The action of request_id on the instance.

    :raises: InstanceActionNotFound.
    """
    with reader(context) as session:
        row = _action_row(session, instance_uuid, request_id)
        return base.model_dict(row)


@engine.retry_on_deadlock
def action_finish(context, instance_uuid, request_id, values):
    """Set finish_time (and message) of the action of request_id."""
    with writer(context) as session:
        row = _action_row(session, instance_uuid, request_id)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = base.utcnow()
        session.flush()
        return base.model_dict(row)


def actions_get(context, instance_uuid, limit=None, marker=None,
                filters=None):
    """Actions on the instance, newest first, after the marker request_id.

    :param filters: 'changes-since' / 'changes-before' bounds on
        updated_at.
    :raises: InstanceActionNotFound when no action has the marker.
    """
    model = models.InstanceAction
    filters = filters or {}
    query = sa.select(model).where(model.instance_uuid == instance_uuid,
                                   model.deleted == 0)
    if filters.get('changes-since') is not None:
        query = query.where(model.updated_at >= filters['changes-since'])
    if filters.get('changes-before') is not None:
        query = query.where(model.updated_at <= filters['changes-before'])
    with reader(context) as session:
        if marker is not None:
            marker_row = _action_row(session, instance_uuid, marker)
            query = query.where(sa.or_(
                model.created_at < marker_row.created_at,
                sa.and_(model.created_at == marker_row.created_at,
                        model.id < marker_row.id)))
        query = query.order_by(model.created_at.desc(), model.id.desc())
        if limit is not None:
            query = query.limit(limit)
        return [base.model_dict(r) for r in session.scalars(query)]


@engine.retry_on_deadlock
def action_event_start(context, instance_uuid, request_id, values):
    """Record the start of one event of the action of request_id.

    :raises: InstanceActionNotFound.
    """
    with writer(context) as session:
        action = _action_row(session, instance_uuid, request_id)
        row = models.InstanceActionEvent(action_id=action.id, **values)
        session.add(row)
        # The action's updated_at says when anything last happened to it.
        action.updated_at = base.utcnow()
        session.flush()
        return base.model_dict(row)


@engine.retry_on_deadlock
def action_event_finish(context, instance_uuid, request_id, event, values):
    """Finish the newest unfinished event named event of the action.

    :raises: InstanceActionNotFound, InstanceActionEventNotFound.
    """
    with writer(context) as session:
        action = _action_row(session, instance_uuid, request_id)
        row = session.scalars(
            sa.select(models.InstanceActionEvent)
            .where(models.InstanceActionEvent.action_id == action.id,
                   models.InstanceActionEvent.event == event,
                   models.InstanceActionEvent.deleted == 0)
            .order_by(models.InstanceActionEvent.id.desc())).first()
        if row is None:
            raise exception.InstanceActionEventNotFound(action_id=action.id,
                                                        event=event)
        for key, value in values.items():
            setattr(row, key, value)
        if values.get('result', '').lower() == 'error':
            action.message = 'Error'
        action.updated_at = base.utcnow()
        session.flush()
        return base.model_dict(row)


def action_events_get(context, action_id):
    """Events of action action_id, newest first."""
    model = models.InstanceActionEvent
    with reader(context) as session:
        rows = session.scalars(
            sa.select(model).where(model.action_id == action_id,
                                   model.deleted == 0)
            .order_by(model.created_at.desc(), model.id.desc()))
        return [base.model_dict(r) for r in rows]
