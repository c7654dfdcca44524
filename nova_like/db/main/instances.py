# SPDX-License-Identifier: Apache-2.0
"""Instances of a cell: one server each, read, written, listed and counted."""

from oslo_serialization import jsonutils
import sqlalchemy as sa

from nova_like.db import base
from nova_like.db import engine
from nova_like.db.main import database
from nova_like.db.main import models
from nova_like import exception


def instance_create(context, values):
    return database.create(context, models.Instance, values, 'Instance',
                           values.get('uuid'))


def instance_get_by_uuid(context, uuid):
    return database.get_one(context, models.Instance,
                            exception.InstanceNotFound(instance_id=uuid),
                            models.Instance.uuid == uuid)


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
    with database.writer(context) as session:
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
    with database.writer(context) as session:
        rows = base.table_rows(session, _INSTANCE_BY_UUID, {'by_uuid': uuid})
        if not rows or rows[0]['deleted']:
            raise exception.InstanceNotFound(instance_id=uuid)
        row_id = rows[0]['id']
        values = dict(values or {}, **database.soft_delete_values(row_id))
        values['terminated_at'] = values['updated_at'] = values['deleted_at']
        row = base.update_row(session, models.Instance,
                              {'id': row_id, 'deleted': 0}, values)
        if row is None:  # deleted by someone else meanwhile
            raise exception.InstanceNotFound(instance_id=uuid)
        return row


def instance_uuids_by_host(context, hosts):
    """{host: set of uuids} of the live instances on hosts."""
    with database.reader(context) as session:
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
    with database.reader(context) as session:
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
    query = base.paginate(query, model, sort_keys, sort_dirs, marker)
    tag_filters = {k: filters.pop(k) for k in
                   ('tags', 'tags-any', 'not-tags', 'not-tags-any')
                   if k in filters}
    with database.reader(context) as session:
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
    with database.reader(context) as session:
        row = session.scalars(sa.select(models.Instance).where(
            models.Instance.uuid == uuid)).first()
        if row is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return base.model_dict(row)


# Operator reads and removal of a compute host

def instance_get_brief_by_hosts(context, hosts):
    """The live instances on hosts, in id order, as rows of their host,
    uuid and display_name only (what the operator's views of hosts show)."""
    with database.reader(context) as session:
        rows = session.execute(
            sa.select(models.Instance.host, models.Instance.uuid,
                      models.Instance.display_name)
            .where(models.Instance.host.in_(list(hosts)),
                   models.Instance.deleted == 0)
            .order_by(models.Instance.id))
        return [dict(row) for row in rows.mappings()]


def instance_get_active_by_window(context, begin, end, project_id=None):
    """Instances (deleted too) that existed at some time in [begin, end)."""
    model = models.Instance
    with database.reader(context) as session:
        query = sa.select(model).where(
            sa.or_(model.terminated_at.is_(None),
                   model.terminated_at > begin),
            sa.or_(model.launched_at.is_(None), model.launched_at < end),
            model.created_at < end)
        if project_id is not None:
            query = query.where(model.project_id == project_id)
        return [base.model_dict(r) for r in session.scalars(
            query.order_by(model.created_at, model.id))]
