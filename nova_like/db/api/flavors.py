# SPDX-License-Identifier: Apache-2.0
"""Flavors: sizes of servers, with their extra specs and access lists.

An access list names the projects that may use a private flavor.
"""

import sqlalchemy as sa

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import base
from nova_like.db import engine
from nova_like import exception


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
        with database.writer() as session:
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
    with database.reader() as session:
        rows = base.table_rows(session, *database.by_columns(
            'get', models.Flavor, filters))
        if not rows:
            raise exception.FlavorNotFound(flavor_id=value)
        return _flavor_with_specs(session, rows[0])


def flavor_get_all():
    with database.reader() as session:
        rows = session.scalars(sa.select(models.Flavor)
                               .order_by(models.Flavor.flavorid))
        return [_flavor_with_specs(session, r) for r in rows]


def flavor_destroy(flavorid):
    database.delete(models.Flavor,
                    exception.FlavorNotFound(flavor_id=flavorid),
                    flavorid=flavorid)


def flavor_get_all_filtered(filters=None, sort_key='flavorid', sort_dir='asc',
                            limit=None, marker=None):
    """Flavors matching filters, ordered, after the flavor with id marker.

    :param filters: is_public (True, False or None for both), project_id
        (with is_public True: also the private flavors this project may
        use), min_memory_mb, min_root_gb, disabled.
    :raises: MarkerNotFound when no flavor has flavorid marker.
    """
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
    with database.reader() as session:
        marker_values = None
        if marker is not None:
            row = session.scalars(sa.select(model).where(
                model.flavorid == marker)).first()
            if row is None:
                raise exception.MarkerNotFound(marker=marker)
            marker_values = base.model_dict(row)
        query = base.paginate(query, model, keys, dirs, marker_values)
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
    with database.writer() as session:
        row = _flavor_row(session, flavorid)
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return _flavor_with_specs(session, row)


@engine.retry_on_deadlock
def flavor_extra_specs_update_or_create(flavorid, specs):
    """Set the extra specs given (others stay); return all of them."""
    with database.writer() as session:
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
    with database.writer() as session:
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
        with database.writer() as session:
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
    with database.writer() as session:
        row = _flavor_row(session, flavorid)
        result = session.execute(sa.delete(models.FlavorProject).where(
            models.FlavorProject.flavor_id == row.id,
            models.FlavorProject.project_id == project_id))
        if result.rowcount == 0:
            raise exception.FlavorAccessNotFound(flavor_id=flavorid,
                                                 project_id=project_id)
        session.flush()
        return _flavor_with_specs(session, row)['projects']
