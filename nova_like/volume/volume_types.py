# SPDX-License-Identifier: Apache-2.0
"""Volume types and their extra specs, and the default type."""

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from oslo_utils import uuidutils

from nova_like.db import engine
from nova_like.volume.db import models
from nova_like.volume import errors


def _row(session, type_id):
    row = session.get(models.VolumeType, type_id)
    if row is None:
        raise errors.VolumeTypeNotFound(volume_type_id=type_id)
    return row


def by_name(session, name):
    return session.execute(sa.select(models.VolumeType).where(
        models.VolumeType.name == name)).scalar_one_or_none()


def ensure_default(db, conf):
    """The default type's row, made on first use."""
    name = conf.volume.default_volume_type
    with db.reader() as session:
        row = by_name(session, name)
        if row is not None:
            return as_dict(row)
    try:
        with db.writer() as session:
            row = models.VolumeType(
                id=uuidutils.generate_uuid(), name=name,
                description='Default Volume Type', is_public=True,
                extra_specs={})
            session.add(row)
            session.flush()
            return as_dict(row)
    except sa_exc.IntegrityError as exc:
        if not engine.is_duplicate(exc):
            raise
    with db.reader() as session:
        return as_dict(by_name(session, name))


def as_dict(row):
    return {'id': row.id, 'name': row.name, 'description': row.description,
            'is_public': row.is_public,
            'extra_specs': dict(row.extra_specs or {})}


def find(session, name_or_id):
    """A type by id or by name (as volume create's volume_type)."""
    row = session.get(models.VolumeType, name_or_id) or \
        by_name(session, name_or_id)
    if row is None:
        raise errors.VolumeTypeNotFoundByName(volume_type_name=name_or_id)
    return row


def get(session, type_id):
    return as_dict(_row(session, type_id))


def names(session):
    """{type id: name} of every type."""
    return dict(session.execute(sa.select(models.VolumeType.id,
                                          models.VolumeType.name)).all())


def list_all(session, public_only):
    query = sa.select(models.VolumeType).order_by(models.VolumeType.name)
    if public_only:
        query = query.where(models.VolumeType.is_public.is_(True))
    return [as_dict(r) for r in session.execute(query).scalars()]


def create(session, values):
    if by_name(session, values['name']) is not None:
        raise errors.VolumeTypeExists(id=values['name'])
    row = models.VolumeType(id=uuidutils.generate_uuid(), **values)
    session.add(row)
    session.flush()
    return as_dict(row)


def update(session, type_id, values):
    row = _row(session, type_id)
    if 'name' in values and values['name'] != row.name and \
            by_name(session, values['name']) is not None:
        raise errors.VolumeTypeExists(id=values['name'])
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    return as_dict(row)


def delete(session, type_id, default_name):
    row = _row(session, type_id)
    if row.name == default_name:
        raise errors.bad_request('Default volume type can not be deleted')
    in_use = session.execute(sa.select(sa.func.count()).select_from(
        models.Volume).where(models.Volume.volume_type_id == type_id)
    ).scalar()
    if in_use:
        raise errors.VolumeTypeInUse(volume_type_id=type_id)
    session.delete(row)


def set_extra_specs(session, type_id, specs):
    row = _row(session, type_id)
    merged = dict(row.extra_specs or {})
    merged.update(specs)
    row.extra_specs = merged
    session.flush()
    return merged


def delete_extra_spec(session, type_id, key):
    row = _row(session, type_id)
    specs = dict(row.extra_specs or {})
    if key not in specs:
        raise errors.ExtraSpecNotFound(volume_type_id=type_id,
                                       extra_specs_key=key)
    del specs[key]
    row.extra_specs = specs
