# SPDX-License-Identifier: Apache-2.0
"""Traits: standard ones from os-traits, CUSTOM_* ones, provider traits."""

import os_traits
import sqlalchemy as sa

from nova_like.db import engine
from nova_like.placement.db import api as db_api
from nova_like.placement.db import models
from nova_like.placement import errors
from nova_like.placement.objects import resource_provider as rp_obj
from nova_like.placement import util

_T = models.TRAIT
_RPT = models.RP_TRAIT


class Trait:

    def __init__(self, id, name, created_at=None, updated_at=None):
        self.id = id
        self.name = name
        self.created_at = created_at
        self.updated_at = updated_at


@db_api.retry_on_deadlock
@engine.retry_on_duplicate
def ensure_sync(db):
    """Insert the standard traits this os-traits knows about."""
    with db.writer() as s:
        known = {r.name for r in s.execute(sa.select(_T.c.name))}
        now = util.utcnow()
        rows = [{'name': n, 'created_at': now}
                for n in os_traits.get_traits() if n not in known]
        if rows:
            s.execute(sa.insert(_T), rows)


def ids_for(ctx, names, s=None):
    """{name: id} for names; 400 naming the traits that do not exist."""
    names = set(names)
    if not names:
        return {}
    if s is None:
        with ctx.db.reader() as s:
            return ids_for(ctx, names, s)
    found = dict(s.execute(sa.select(_T.c.name, _T.c.id).where(
        _T.c.name.in_(names))).all())
    missing = sorted(names - set(found))
    if missing:
        raise errors.BadRequest('No such trait(s): %s' % ', '.join(missing))
    return found


def get_all(ctx, name_in=None, starts_with=None, associated=None):
    q = sa.select(_T)
    if name_in is not None:
        q = q.where(_T.c.name.in_(name_in))
    if starts_with is not None:
        q = q.where(_T.c.name.like(
            starts_with.replace('_', r'\_') + '%', escape='\\'))
    if associated is not None:
        used = sa.select(_RPT.c.trait_id)
        q = q.where(_T.c.id.in_(used) if associated
                    else _T.c.id.not_in(used))
    with ctx.db.reader() as s:
        rows = s.execute(q.order_by(_T.c.name)).all()
    return [Trait(r.id, r.name, r.created_at, r.updated_at) for r in rows]


def get_by_name(ctx, name):
    with ctx.db.reader() as s:
        r = s.execute(sa.select(_T).where(_T.c.name == name)).first()
    if r is None:
        raise errors.NotFound('No such trait(s): %s' % name)
    return Trait(r.id, r.name, r.created_at, r.updated_at)


@db_api.retry_on_deadlock
def ensure(ctx, name):
    """Create custom trait name unless it exists; True when created."""
    try:
        with ctx.db.writer() as s:
            if s.execute(sa.select(_T.c.id).where(_T.c.name == name)).first():
                return False
            s.execute(sa.insert(_T).values(name=name,
                                           created_at=util.utcnow()))
        return True
    except sa.exc.IntegrityError as exc:
        if engine.is_duplicate(exc):
            return False
        raise


@db_api.retry_on_deadlock
def destroy(ctx, name):
    if not name.startswith(os_traits.CUSTOM_NAMESPACE):
        raise errors.BadRequest('Cannot delete standard trait %s.' % name)
    with ctx.db.writer() as s:
        r = s.execute(sa.select(_T.c.id).where(_T.c.name == name)).first()
        if r is None:
            raise errors.NotFound('No such trait(s): %s' % name)
        if s.execute(sa.select(_RPT.c.trait_id).where(
                _RPT.c.trait_id == r.id).limit(1)).first():
            raise errors.Conflict('The trait %s is in use by a resource '
                                  'provider.' % name)
        s.execute(sa.delete(_T).where(_T.c.id == r.id))


def get_for_provider(ctx, uuid):
    """(provider, [trait names]) of the provider with uuid."""
    with ctx.db.reader() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        names = s.scalars(sa.select(_T.c.name).join(
            _RPT, _RPT.c.trait_id == _T.c.id).where(
            _RPT.c.resource_provider_id == rp.id).order_by(_T.c.name)).all()
    return rp, names


def replace_in(s, rp_id, trait_ids):
    """Make the provider's traits exactly trait_ids (inside a writer)."""
    s.execute(sa.delete(_RPT).where(_RPT.c.resource_provider_id == rp_id))
    now = util.utcnow()
    if trait_ids:
        s.execute(sa.insert(_RPT), [
            {'resource_provider_id': rp_id, 'trait_id': t, 'created_at': now}
            for t in sorted(set(trait_ids))])


@db_api.retry_on_deadlock
def set_for_provider(ctx, uuid, generation, names):
    """Replace the provider's traits, checking its generation."""
    with ctx.db.writer() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        ids = ids_for(ctx, names, s)
        rp_obj.bump_generation(s, rp, generation)
        replace_in(s, rp.id, ids.values())
    return rp.generation


@db_api.retry_on_deadlock
def delete_for_provider(ctx, uuid):
    with ctx.db.writer() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        rp_obj.bump_generation(s, rp, rp.generation)
        replace_in(s, rp.id, [])
