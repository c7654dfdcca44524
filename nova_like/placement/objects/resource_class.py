# SPDX-License-Identifier: Apache-2.0
"""Resource classes: standard ones from os-resource-classes, and CUSTOM_*."""

import os_resource_classes as orc
import sqlalchemy as sa

from nova_like.db import engine
from nova_like.placement.db import api as db_api
from nova_like.placement.db import models
from nova_like.placement import errors
from nova_like.placement import util

CUSTOM_ID_START = 10000
_RC = models.RC


class ResourceClass:

    def __init__(self, id, name, created_at=None, updated_at=None):
        self.id = id
        self.name = name
        self.created_at = created_at
        self.updated_at = updated_at


@db_api.retry_on_deadlock
@engine.retry_on_duplicate
def ensure_sync(db):
    """Insert the standard classes this os-resource-classes knows about."""
    with db.writer() as s:
        known = {row.name for row in s.execute(sa.select(_RC.c.name))}
        rows = [{'id': i, 'name': name, 'created_at': util.utcnow()}
                for i, name in enumerate(orc.STANDARDS) if name not in known]
        if rows:
            s.execute(sa.insert(_RC), rows)


def name_to_id(ctx, s=None):
    """{name: id} of every class, cached on the request context.

    :param s: the session to read with; inside a writer pass the writer's
        session (a second SQLite connection would wait on our own lock).
    """
    cached = getattr(ctx, '_rc_ids', None)
    if cached is None:
        if s is None:
            with ctx.db.reader() as s:
                return name_to_id(ctx, s)
        cached = dict(s.execute(sa.select(_RC.c.name, _RC.c.id)).all())
        ctx._rc_ids = cached
        ctx._rc_names = {v: k for k, v in cached.items()}
    return cached


def id_to_name(ctx, s=None):
    name_to_id(ctx, s)
    return ctx._rc_names


def ids_for(ctx, names, s=None):
    """{name: id} for names; 400 naming the unknown ones."""
    known = name_to_id(ctx, s)
    missing = sorted(n for n in names if n not in known)
    if missing:
        raise errors.BadRequest('Invalid resource class in resources '
                                'parameter: %s' % ', '.join(missing))
    return {n: known[n] for n in names}


def id_for(ctx, name, s=None):
    known = name_to_id(ctx, s)
    if name not in known:
        raise errors.NotFound('No such resource class %s.' % name)
    return known[name]


def get_all(ctx):
    with ctx.db.reader() as s:
        rows = s.execute(sa.select(_RC).order_by(_RC.c.id)).all()
    return [ResourceClass(r.id, r.name, r.created_at, r.updated_at)
            for r in rows]


def get_by_name(ctx, name):
    with ctx.db.reader() as s:
        r = s.execute(sa.select(_RC).where(_RC.c.name == name)).first()
    if r is None:
        raise errors.NotFound('No such resource class %s.' % name)
    return ResourceClass(r.id, r.name, r.created_at, r.updated_at)


@db_api.retry_on_deadlock
def create(ctx, name):
    """Create custom class name; 409 duplicate_name when it exists."""
    try:
        with ctx.db.writer() as s:
            if s.execute(sa.select(_RC.c.id).where(
                    _RC.c.name == name)).first():
                raise _duplicate(name)
            top = s.execute(sa.select(sa.func.max(_RC.c.id)).where(
                _RC.c.id >= CUSTOM_ID_START)).scalar()
            new_id = CUSTOM_ID_START if top is None else top + 1
            s.execute(sa.insert(_RC).values(id=new_id, name=name,
                                            created_at=util.utcnow()))
    except sa.exc.IntegrityError as exc:
        if not engine.is_duplicate(exc):
            raise
        # Another writer took the same id or name: look again.
        if _exists(ctx, name):
            raise _duplicate(name)
        return create(ctx, name)
    return get_by_name(ctx, name)


def _exists(ctx, name):
    with ctx.db.reader() as s:
        return s.execute(sa.select(_RC.c.id).where(
            _RC.c.name == name)).first() is not None


def _duplicate(name):
    return errors.Conflict('Conflicting resource class already exists: %s'
                           % name, code=errors.DUPLICATE_NAME)


def _check_custom(name, verb):
    if not name.startswith(orc.CUSTOM_NAMESPACE):
        raise errors.BadRequest('Cannot %s standard resource class %s'
                                % (verb, name))


@db_api.retry_on_deadlock
def update(ctx, old_name, new_name):
    """Rename a custom class (microversions 1.2 to 1.6)."""
    _check_custom(old_name, 'update')
    rc = get_by_name(ctx, old_name)
    try:
        with ctx.db.writer() as s:
            s.execute(sa.update(_RC).where(_RC.c.id == rc.id).values(
                name=new_name, updated_at=util.utcnow()))
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            raise errors.Conflict(
                'Resource class already exists: %s' % new_name,
                code=errors.DUPLICATE_NAME)
        raise
    return get_by_name(ctx, new_name)


@db_api.retry_on_deadlock
def ensure(ctx, name):
    """Create custom class name unless it exists; True when created."""
    try:
        create(ctx, name)
        return True
    except errors.Conflict:
        return False


@db_api.retry_on_deadlock
def destroy(ctx, name):
    """Delete a custom class; 409 while any inventory uses it."""
    _check_custom(name, 'delete')
    with ctx.db.writer() as s:
        r = s.execute(sa.select(_RC.c.id).where(_RC.c.name == name)).first()
        if r is None:
            raise errors.NotFound('No such resource class %s.' % name)
        inv = models.INV
        used = s.execute(sa.select(inv.c.id).where(
            inv.c.resource_class_id == r.id).limit(1)).first()
        if used:
            raise errors.Conflict(
                'Unable to delete resource class %s. Class is in use in '
                'inventory.' % name)
        s.execute(sa.delete(_RC).where(_RC.c.id == r.id))
