# SPDX-License-Identifier: Apache-2.0
"""Queries on the API database."""

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


def _create(model, values, what, detail_key):
    row = model(**values)
    try:
        with writer() as session:
            session.add(row)
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise exception.DuplicateEntry(what=what,
                                           detail=values.get(detail_key))
        raise
    return base.model_dict(row)


def _get_one(model, not_found, **filters):
    with reader() as session:
        row = session.scalars(sa.select(model).filter_by(**filters)).first()
        if row is None:
            raise not_found
        return base.model_dict(row)


def _get_all(model, order_by, **filters):
    with reader() as session:
        query = sa.select(model).filter_by(**filters).order_by(order_by)
        return [base.model_dict(r) for r in session.scalars(query)]


@engine.retry_on_deadlock
def _update(model, not_found, row_filter, values):
    with writer() as session:
        row = session.scalars(sa.select(model).filter_by(**row_filter)).first()
        if row is None:
            raise not_found
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return base.model_dict(row)


@engine.retry_on_deadlock
def _delete(model, not_found, **filters):
    with writer() as session:
        result = session.execute(sa.delete(model).filter_by(**filters))
        if result.rowcount == 0:
            raise not_found


# Cell mappings

@engine.retry_on_deadlock
def cell_mapping_create(values):
    return _create(models.CellMapping, values, 'Cell mapping', 'uuid')


def cell_mapping_get_by_uuid(uuid):
    return _get_one(models.CellMapping,
                    exception.CellMappingNotFound(uuid=uuid), uuid=uuid)


def cell_mapping_get_by_id(cell_id):
    return _get_one(models.CellMapping,
                    exception.CellMappingNotFound(uuid=cell_id), id=cell_id)


def cell_mapping_get_all():
    return _get_all(models.CellMapping, models.CellMapping.id)


def cell_mapping_update(uuid, values):
    return _update(models.CellMapping, exception.CellMappingNotFound(uuid=uuid),
                   {'uuid': uuid}, values)


def cell_mapping_delete(uuid):
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

def _flavor_with_specs(session, row):
    values = base.model_dict(row)
    values['extra_specs'] = {
        s.key: s.value for s in session.scalars(
            sa.select(models.FlavorExtraSpec)
            .where(models.FlavorExtraSpec.flavor_id == row.id))}
    values['projects'] = [
        p.project_id for p in session.scalars(
            sa.select(models.FlavorProject)
            .where(models.FlavorProject.flavor_id == row.id))]
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
    with reader() as session:
        row = session.scalars(sa.select(models.Flavor)
                              .filter_by(**filters)).first()
        if row is None:
            raise exception.FlavorNotFound(
                flavor_id=next(iter(filters.values())))
        return _flavor_with_specs(session, row)


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
