# SPDX-License-Identifier: Apache-2.0
"""Inventories: what each provider has of each resource class."""

import logging

import sqlalchemy as sa

from nova_like.placement.db import api as db_api
from nova_like.placement.db import models
from nova_like.placement import errors
from nova_like.placement.objects import resource_class as rc_obj
from nova_like.placement.objects import resource_provider as rp_obj
from nova_like.placement import util

LOG = logging.getLogger(__name__)
_INV = models.INV
_ALLOC = models.ALLOC
FIELDS = ('total', 'reserved', 'min_unit', 'max_unit', 'step_size',
          'allocation_ratio')
DEFAULTS = {'reserved': 0, 'min_unit': 1, 'max_unit': 2147483647,
            'step_size': 1, 'allocation_ratio': 1.0}


def capacity(inv):
    return int((inv['total'] - inv['reserved']) * inv['allocation_ratio'])


def _for_provider(ctx, s, rp_id):
    names = rc_obj.id_to_name(ctx, s)
    rows = s.execute(sa.select(_INV).where(
        _INV.c.resource_provider_id == rp_id)).all()
    return {names[r.resource_class_id]: {f: getattr(r, f) for f in FIELDS}
            for r in rows}, util.latest(*(r.updated_at or r.created_at
                                          for r in rows))


def get_all(ctx, uuid):
    """(provider, {class name: inventory dict}, last modified)."""
    with ctx.db.reader() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        invs, modified = _for_provider(ctx, s, rp.id)
    return rp, invs, modified


def validate(name, inv, allow_reserved_equal_total):
    """400 naming the field for an inventory that cannot hold anything."""
    if inv['min_unit'] > inv['max_unit']:
        raise errors.BadRequest(
            'Unable to update inventory for resource class %s: min_unit '
            '(%d) must not be greater than max_unit (%d)'
            % (name, inv['min_unit'], inv['max_unit']))
    if inv['reserved'] > inv['total'] or (
            inv['reserved'] == inv['total'] and not allow_reserved_equal_total
            and inv['total'] != 0):
        raise errors.BadRequest(
            'Unable to update inventory for resource class %s: reserved '
            '(%d) must be less than total (%d)'
            % (name, inv['reserved'], inv['total']))


def _used_by_class(s, rp_id):
    return dict(s.execute(
        sa.select(_ALLOC.c.resource_class_id, sa.func.sum(_ALLOC.c.used))
        .where(_ALLOC.c.resource_provider_id == rp_id)
        .group_by(_ALLOC.c.resource_class_id)).all())


def write_in(ctx, s, rp, inventories, only=None):
    """Make the provider's inventory match inventories (inside a writer).

    :param only: limit the change to these class names (one-class PUT,
        POST and DELETE); None replaces the whole inventory.
    """
    rc_ids = rc_obj.ids_for(ctx, inventories, s)
    names = rc_obj.id_to_name(ctx, s)
    current = {r.resource_class_id: r for r in s.execute(
        sa.select(_INV).where(_INV.c.resource_provider_id == rp.id))}
    used = _used_by_class(s, rp.id)
    wanted = {rc_ids[n]: inv for n, inv in inventories.items()}
    scope = set(current) | set(wanted)
    if only is not None:
        scope = {rc_obj.id_for(ctx, n, s) for n in only}
    removed = [i for i in scope if i in current and i not in wanted]
    in_use = sorted(names[i] for i in removed if used.get(i))
    if in_use:
        raise errors.Conflict(
            'Unable to delete inventory for resource provider %s because '
            'the inventory is in use: %s' % (rp.uuid, ', '.join(in_use)),
            code=errors.INVENTORY_INUSE)
    now = util.utcnow()
    if removed:
        s.execute(sa.delete(_INV).where(
            _INV.c.resource_provider_id == rp.id,
            _INV.c.resource_class_id.in_(removed)))
    for rc_id in scope:
        inv = wanted.get(rc_id)
        if inv is None:
            continue
        if used.get(rc_id, 0) > capacity(inv):
            LOG.warning('Resource provider %s: %s usage %d exceeds the new '
                        'capacity %d', rp.uuid, names[rc_id], used[rc_id],
                        capacity(inv))
        if rc_id in current:
            row = current[rc_id]
            if all(getattr(row, f) == inv[f] for f in FIELDS):
                continue
            s.execute(sa.update(_INV).where(_INV.c.id == row.id).values(
                updated_at=now, **{f: inv[f] for f in FIELDS}))
        else:
            s.execute(sa.insert(_INV).values(
                resource_provider_id=rp.id, resource_class_id=rc_id,
                created_at=now, **{f: inv[f] for f in FIELDS}))


@db_api.retry_on_deadlock
def replace_all(ctx, uuid, generation, inventories):
    """Replace the whole inventory of a provider, checking its generation."""
    with ctx.db.writer() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        rp_obj.bump_generation(s, rp, generation)
        write_in(ctx, s, rp, inventories)
        invs, _ = _for_provider(ctx, s, rp.id)
    return rp, invs


@db_api.retry_on_deadlock
def set_one(ctx, uuid, generation, name, inv, must_exist):
    """Add (must_exist=False, 409 if present) or update one class."""
    with ctx.db.writer() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        rc_id = rc_obj.id_for(ctx, name, s) if must_exist else \
            rc_obj.ids_for(ctx, [name], s)[name]
        exists = s.execute(sa.select(_INV.c.id).where(
            _INV.c.resource_provider_id == rp.id,
            _INV.c.resource_class_id == rc_id)).first() is not None
        if must_exist and not exists:
            raise errors.BadRequest(
                'No inventory record with resource class for resource '
                'provider %s' % uuid)
        if not must_exist and exists:
            raise errors.Conflict(
                'Update conflict: Inventory for %s on resource provider %s '
                'already exists.' % (name, uuid))
        rp_obj.bump_generation(s, rp, generation)
        write_in(ctx, s, rp, {name: inv}, only=[name])
    return rp


@db_api.retry_on_deadlock
def delete_one(ctx, uuid, name):
    with ctx.db.writer() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        rc_id = rc_obj.id_for(ctx, name, s)
        if s.execute(sa.select(_INV.c.id).where(
                _INV.c.resource_provider_id == rp.id,
                _INV.c.resource_class_id == rc_id)).first() is None:
            raise errors.NotFound(
                'No inventory of class %s found for delete' % name)
        rp_obj.bump_generation(s, rp, rp.generation)
        write_in(ctx, s, rp, {}, only=[name])


@db_api.retry_on_deadlock
def delete_all(ctx, uuid):
    with ctx.db.writer() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        rp_obj.bump_generation(s, rp, rp.generation)
        write_in(ctx, s, rp, {})
