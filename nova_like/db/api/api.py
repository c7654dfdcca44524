# SPDX-License-Identifier: Apache-2.0
"""Queries on the API database."""

import threading
import time

import sqlalchemy as sa

from nova_like import conf
from nova_like.db.api import models
from nova_like.db import base
from nova_like.db import engine
from nova_like import exception

CONF = conf.CONF


def _url():
    url = CONF.api_database.connection
    if not url:
        raise exception.DBNotConfigured(group='api_database')
    return url


def reader():
    return engine.reader(_url(), CONF.api_database)


def writer():
    return engine.writer(_url(), CONF.api_database)


def in_transaction(fn):
    """fn() with its API-database reads and writes in one transaction."""
    return engine.run_in_one_transaction(_url(), fn, CONF.api_database)


def _create(model, values, what, detail_key):
    try:
        with writer() as session:
            return base.insert_row(session, model, values)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(what=what,
                                           detail=values.get(detail_key))
        raise


# Statements of _get_one and _delete by (kind, model, filtered columns),
# their values bound at execution: built and compiled once, not per call.
_BY_COLUMNS = {}


def _by_columns(kind, model, filters):
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


def _get_one(model, not_found, **filters):
    with reader() as session:
        rows = base.table_rows(session,
                               *_by_columns('get', model, filters))
        if not rows:
            raise not_found
        return rows[0]


def _get_all(model, order_by, **filters):
    with reader() as session:
        query = sa.select(model).filter_by(**filters).order_by(order_by)
        return [base.model_dict(r) for r in session.scalars(query)]


@engine.retry_on_deadlock
def _update(model, not_found, row_filter, values):
    with writer() as session:
        row = base.update_row(session, model, row_filter, values)
        if row is None:
            raise not_found
        return row


@engine.retry_on_deadlock
def _delete(model, not_found, **filters):
    with writer() as session:
        result = session.execute(*_by_columns('delete', model, filters))
        if result.rowcount == 0:
            raise not_found


# Cell mappings

# Cell mappings are read for nearly every server operation and change only
# through nova-like-manage: each process reuses a mapping, or the list of
# all, it read for CELL_CACHE_SECONDS (its own changes it sees at once).
CELL_CACHE_SECONDS = 30
_cells = {}
_cells_lock = threading.Lock()


def _cell_cached(key, fetch):
    """fetch()'s row or list of rows, reused for CELL_CACHE_SECONDS."""
    now = time.monotonic()
    url = _url()
    with _cells_lock:
        hit = _cells.get((url, key))
    if hit is None or hit[0] <= now:
        hit = (now + CELL_CACHE_SECONDS, fetch())
        rows = hit[1] if isinstance(hit[1], list) else [hit[1]]
        with _cells_lock:
            _cells[(url, key)] = hit
            for row in rows:  # a listed cell is also found by uuid and id
                _cells[(url, ('uuid', row['uuid']))] = (hit[0], row)
                _cells[(url, ('id', row['id']))] = (hit[0], row)
    if isinstance(hit[1], list):
        return [dict(row) for row in hit[1]]
    return dict(hit[1])


def _forget_cells():
    with _cells_lock:
        _cells.clear()


@engine.retry_on_deadlock
def cell_mapping_create(values):
    _forget_cells()
    return _create(models.CellMapping, values, 'Cell mapping', 'uuid')


def cell_mapping_get_by_uuid(uuid):
    return _cell_cached(('uuid', uuid), lambda: _get_one(
        models.CellMapping, exception.CellMappingNotFound(uuid=uuid),
        uuid=uuid))


def cell_mapping_get_by_id(cell_id):
    return _cell_cached(('id', cell_id), lambda: _get_one(
        models.CellMapping, exception.CellMappingNotFound(uuid=cell_id),
        id=cell_id))


def cell_mapping_get_all():
    return _cell_cached('all', lambda: _get_all(models.CellMapping,
                                                models.CellMapping.id))


def cell_mapping_update(uuid, values):
    _forget_cells()
    return _update(models.CellMapping, exception.CellMappingNotFound(uuid=uuid),
                   {'uuid': uuid}, values)


def cell_mapping_delete(uuid):
    _forget_cells()
    _delete(models.CellMapping, exception.CellMappingNotFound(uuid=uuid),
            uuid=uuid)


# Host mappings

@engine.retry_on_deadlock
def host_mapping_create(values):
    return _create(models.HostMapping, values, 'Host mapping', 'host')


def host_mapping_get_by_host(host):
    return _get_one(models.HostMapping,
                    exception.HostMappingNotFound(name=host), host=host)


def host_mapping_get_all(cell_id=None):
    filters = {'cell_id': cell_id} if cell_id is not None else {}
    return _get_all(models.HostMapping, models.HostMapping.id, **filters)


def host_mapping_delete(host):
    _delete(models.HostMapping, exception.HostMappingNotFound(name=host),
            host=host)


# Instance mappings

@engine.retry_on_deadlock
def instance_mapping_create(values):
    return _create(models.InstanceMapping, values, 'Instance mapping',
                   'instance_uuid')


def instance_mapping_get_by_instance_uuid(uuid):
    return _get_one(models.InstanceMapping,
                    exception.InstanceMappingNotFound(uuid=uuid),
                    instance_uuid=uuid)


def instance_mapping_update(uuid, values):
    return _update(models.InstanceMapping,
                   exception.InstanceMappingNotFound(uuid=uuid),
                   {'instance_uuid': uuid}, values)


def instance_mapping_delete(uuid):
    _delete(models.InstanceMapping,
            exception.InstanceMappingNotFound(uuid=uuid), instance_uuid=uuid)


# Flavors

_SPECS_OF = sa.select(models.FlavorExtraSpec.key,
                      models.FlavorExtraSpec.value).where(
    models.FlavorExtraSpec.flavor_id == sa.bindparam('flavor_id'))
_PROJECTS_OF = sa.select(models.FlavorProject.project_id).where(
    models.FlavorProject.flavor_id == sa.bindparam('flavor_id'))


def _flavor_with_specs(session, row):
    values = row if isinstance(row, dict) else base.model_dict(row)
    ids = {'flavor_id': values['id']}
    values['extra_specs'] = dict(session.execute(_SPECS_OF, ids).all())
    values['projects'] = list(session.scalars(_PROJECTS_OF, ids))
    return values


@engine.retry_on_deadlock
def flavor_create(values, extra_specs=None, projects=None):
    row = models.Flavor(**values)
    try:
        with writer() as session:
            session.add(row)
            session.flush()
            for key, value in (extra_specs or {}).items():
                session.add(models.FlavorExtraSpec(flavor_id=row.id, key=key,
                                                   value=value))
            for project in projects or ():
                session.add(models.FlavorProject(flavor_id=row.id,
                                                 project_id=project))
            session.flush()
            return _flavor_with_specs(session, row)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(
                what='Flavor', detail='%s (id %s)' % (values.get('name'),
                                                      values.get('flavorid')))
        raise


def flavor_get_by(**filters):
    """The flavor whose one column given (flavorid, id or name) matches."""
    (value,) = filters.values()
    with reader() as session:
        rows = base.table_rows(session,
                               *_by_columns('get', models.Flavor, filters))
        if not rows:
            raise exception.FlavorNotFound(flavor_id=value)
        return _flavor_with_specs(session, rows[0])


def flavor_get_all():
    with reader() as session:
        rows = session.scalars(sa.select(models.Flavor)
                               .order_by(models.Flavor.flavorid))
        return [_flavor_with_specs(session, r) for r in rows]


def flavor_destroy(flavorid):
    _delete(models.Flavor, exception.FlavorNotFound(flavor_id=flavorid),
            flavorid=flavorid)


# Request specs and build requests

@engine.retry_on_deadlock
def request_spec_create(values):
    return _create(models.RequestSpec, values, 'Request spec',
                   'instance_uuid')


def request_spec_get_by_instance_uuid(uuid):
    return _get_one(models.RequestSpec,
                    exception.RequestSpecNotFound(instance_uuid=uuid),
                    instance_uuid=uuid)


def request_spec_update(uuid, values):
    return _update(models.RequestSpec,
                   exception.RequestSpecNotFound(instance_uuid=uuid),
                   {'instance_uuid': uuid}, values)


def request_spec_delete(uuid):
    _delete(models.RequestSpec,
            exception.RequestSpecNotFound(instance_uuid=uuid),
            instance_uuid=uuid)


@engine.retry_on_deadlock
def build_request_create(values):
    return _create(models.BuildRequest, values, 'Build request',
                   'instance_uuid')


def build_request_get_by_instance_uuid(uuid):
    return _get_one(models.BuildRequest,
                    exception.BuildRequestNotFound(uuid=uuid),
                    instance_uuid=uuid)


def build_request_get_all(project_id=None):
    filters = {'project_id': project_id} if project_id else {}
    return _get_all(models.BuildRequest, models.BuildRequest.id, **filters)


def build_request_delete(uuid):
    _delete(models.BuildRequest, exception.BuildRequestNotFound(uuid=uuid),
            instance_uuid=uuid)


# Flavors for the API: filtered lists, updates, extra specs, access lists

def flavor_get_all_filtered(filters=None, sort_key='flavorid', sort_dir='asc',
                            limit=None, marker=None):
    """Flavors matching filters, ordered, after the flavor with id marker.

    :param filters: is_public (True, False or None for both), project_id
        (with is_public True: also the private flavors this project may
        use), min_memory_mb, min_root_gb, disabled.
    :raises: MarkerNotFound when no flavor has flavorid marker.
    """
    from nova_like.db.main import api as cell_api

    filters = dict(filters or {})
    model = models.Flavor
    query = sa.select(model)
    if 'min_memory_mb' in filters:
        query = query.where(model.memory_mb >= filters['min_memory_mb'])
    if 'min_root_gb' in filters:
        query = query.where(model.root_gb >= filters['min_root_gb'])
    if 'disabled' in filters:
        query = query.where(model.disabled == filters['disabled'])
    is_public = filters.get('is_public', True)
    project_id = filters.get('project_id')
    if is_public is not None:
        visible = model.is_public == bool(is_public)
        if is_public and project_id:
            visible = sa.or_(visible, model.id.in_(
                sa.select(models.FlavorProject.flavor_id).where(
                    models.FlavorProject.project_id == project_id)))
        query = query.where(visible)
    keys = [sort_key] if sort_key == 'id' else [sort_key, 'id']
    dirs = [sort_dir] * len(keys)
    with reader() as session:
        marker_values = None
        if marker is not None:
            row = session.scalars(sa.select(model).where(
                model.flavorid == marker)).first()
            if row is None:
                raise exception.MarkerNotFound(marker=marker)
            marker_values = base.model_dict(row)
        query = cell_api.paginate(query, model, keys, dirs, marker_values)
        if limit is not None:
            query = query.limit(limit)
        return [_flavor_with_specs(session, r) for r in session.scalars(query)]


def _flavor_row(session, flavorid):
    row = session.scalars(sa.select(models.Flavor).where(
        models.Flavor.flavorid == flavorid)).first()
    if row is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return row


@engine.retry_on_deadlock
def flavor_update(flavorid, values):
    with writer() as session:
        row = _flavor_row(session, flavorid)
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return _flavor_with_specs(session, row)


@engine.retry_on_deadlock
def flavor_extra_specs_update_or_create(flavorid, specs):
    """Set the extra specs given (others stay); return all of them."""
    with writer() as session:
        row = _flavor_row(session, flavorid)
        existing = {s.key: s for s in session.scalars(
            sa.select(models.FlavorExtraSpec).where(
                models.FlavorExtraSpec.flavor_id == row.id))}
        for key, value in specs.items():
            if key in existing:
                existing[key].value = value
            else:
                session.add(models.FlavorExtraSpec(flavor_id=row.id, key=key,
                                                   value=value))
        session.flush()
        return _flavor_with_specs(session, row)['extra_specs']


@engine.retry_on_deadlock
def flavor_extra_specs_delete(flavorid, key):
    with writer() as session:
        row = _flavor_row(session, flavorid)
        result = session.execute(sa.delete(models.FlavorExtraSpec).where(
            models.FlavorExtraSpec.flavor_id == row.id,
            models.FlavorExtraSpec.key == key))
        if result.rowcount == 0:
            raise exception.FlavorExtraSpecsNotFound(flavor_id=flavorid,
                                                     extra_specs_key=key)


@engine.retry_on_deadlock
def flavor_access_add(flavorid, project_id):
    """Let project_id use the private flavor; return its access list."""
    try:
        with writer() as session:
            row = _flavor_row(session, flavorid)
            session.add(models.FlavorProject(flavor_id=row.id,
                                             project_id=project_id))
            session.flush()
            return _flavor_with_specs(session, row)['projects']
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.FlavorAccessExists(flavor_id=flavorid,
                                               project_id=project_id)
        raise


@engine.retry_on_deadlock
def flavor_access_remove(flavorid, project_id):
    with writer() as session:
        row = _flavor_row(session, flavorid)
        result = session.execute(sa.delete(models.FlavorProject).where(
            models.FlavorProject.flavor_id == row.id,
            models.FlavorProject.project_id == project_id))
        if result.rowcount == 0:
            raise exception.FlavorAccessNotFound(flavor_id=flavorid,
                                                 project_id=project_id)
        session.flush()
        return _flavor_with_specs(session, row)['projects']


@engine.retry_on_deadlock
def build_request_update_instance(uuid, instance_text):
    """Replace the serialized Instance a build request carries."""
    return _update(models.BuildRequest,
                   exception.BuildRequestNotFound(uuid=uuid),
                   {'instance_uuid': uuid}, {'instance': instance_text})


# Key pairs

@engine.retry_on_deadlock
def key_pair_create(values):
    """:raises: KeyPairExists."""
    try:
        return _create(models.KeyPair, values, 'Key pair', 'name')
    except exception.DuplicateEntry:
        raise exception.KeyPairExists(key_name=values['name'])


def key_pair_get(user_id, name):
    return _get_one(models.KeyPair,
                    exception.KeypairNotFound(user_id=user_id, name=name),
                    user_id=user_id, name=name)


def key_pair_get_all_by_user(user_id, limit=None, marker=None):
    """The user's key pairs by name, after the one named marker.

    :raises: MarkerNotFound when marker names no key pair of the user.
    """
    with reader() as session:
        query = (sa.select(models.KeyPair).filter_by(user_id=user_id)
                 .order_by(models.KeyPair.name))
        if marker is not None:
            if session.scalars(sa.select(models.KeyPair.id).filter_by(
                    user_id=user_id, name=marker)).first() is None:
                raise exception.MarkerNotFound(marker=marker)
            query = query.where(models.KeyPair.name > marker)
        if limit is not None:
            query = query.limit(limit)
        return [base.model_dict(r) for r in session.scalars(query)]


def key_pair_count_by_user(user_id):
    with reader() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(
            models.KeyPair).filter_by(user_id=user_id))


def key_pair_destroy(user_id, name):
    _delete(models.KeyPair,
            exception.KeypairNotFound(user_id=user_id, name=name),
            user_id=user_id, name=name)


# Quotas

def quota_get_all_by_project(project_id):
    """:returns: {resource: hard_limit} of the limits set for project_id."""
    with reader() as session:
        rows = session.execute(
            sa.select(models.Quota.resource, models.Quota.hard_limit)
            .filter_by(project_id=project_id))
        return dict(rows.all())


@engine.retry_on_deadlock
@engine.retry_on_duplicate
def quota_set(project_id, limits):
    """Set {resource: hard_limit} for project_id, creating rows as needed."""
    with writer() as session:
        rows = {r.resource: r for r in session.scalars(
            sa.select(models.Quota).filter_by(project_id=project_id))}
        for resource, hard_limit in limits.items():
            if resource in rows:
                rows[resource].hard_limit = hard_limit
            else:
                session.add(models.Quota(project_id=project_id,
                                         resource=resource,
                                         hard_limit=hard_limit))


@engine.retry_on_deadlock
def quota_destroy_all_by_project(project_id):
    with writer() as session:
        session.execute(sa.delete(models.Quota).filter_by(
            project_id=project_id))


def instance_usage_by_project(project_id):
    """:returns: (instances, cores, ram) the live instances of project_id hold."""
    with reader() as session:
        row = session.execute(
            sa.select(sa.func.count(),
                      sa.func.coalesce(sa.func.sum(
                          models.InstanceMapping.vcpus), 0),
                      sa.func.coalesce(sa.func.sum(
                          models.InstanceMapping.memory_mb), 0))
            .filter_by(project_id=project_id, queued_for_delete=False)).one()
        return int(row[0]), int(row[1]), int(row[2])
