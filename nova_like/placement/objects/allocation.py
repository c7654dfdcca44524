# SPDX-License-Identifier: Apache-2.0
"""Allocations: what each consumer holds, written all-or-nothing.

Writers never trust a capacity they read before taking the provider: for
every provider a write touches, the generation is bumped with a
compare-and-swap (``UPDATE ... WHERE generation = :seen``) in id order, and
only then is usage read and checked. On MariaDB and PostgreSQL that update
holds the provider row until commit, so two writers racing for the last
unit are serialised and the second sees the first's allocation (or loses
the swap and starts again); on SQLite the writer holds the database lock.
"""

import random
import time

import sqlalchemy as sa

from nova_like.placement.db import api as db_api
from nova_like.placement.db import models
from nova_like.placement import errors
from nova_like.placement.objects import consumer as consumer_obj
from nova_like.placement.objects import resource_class as rc_obj
from nova_like.placement import util

_A = models.ALLOC
_RP = models.RP
_INV = models.INV
_C = models.CONSUMER
_SWAP_ATTEMPTS = 20


# The write path's statements, built once: SQLAlchemy then reuses each one's
# cache key and compiled form, where building them per request cost more
# CPU than the database spent running them.
_PROVIDER = (_RP.c.id, _RP.c.uuid, _RP.c.generation)
_LOCK_BY_UUID = sa.select(*_PROVIDER).where(
    _RP.c.uuid.in_(db_api.many('uuids'))).order_by(_RP.c.id).with_for_update()
_LOCK_BY_ID = sa.select(*_PROVIDER).where(
    _RP.c.id.in_(db_api.many('ids'))).order_by(_RP.c.id).with_for_update()
_HOLDERS = sa.select(*_PROVIDER).where(_RP.c.id.in_(
    sa.select(_A.c.resource_provider_id).where(
        _A.c.consumer_id.in_(db_api.many('consumers')))))
_HOLDER_IDS = sa.select(_A.c.resource_provider_id).where(
    _A.c.consumer_id == sa.bindparam('consumer')).distinct()
_SWAP = sa.update(_RP).where(
    _RP.c.id == sa.bindparam('rp_id'),
    _RP.c.generation == sa.bindparam('seen')).values(
    generation=sa.bindparam('next'), updated_at=sa.bindparam('now'))
_INVENTORIES = sa.select(_INV).where(
    _INV.c.resource_provider_id.in_(db_api.many('rp_ids')))
_USED_BY_OTHERS = sa.select(
    _A.c.resource_provider_id, _A.c.resource_class_id,
    sa.func.sum(_A.c.used)).where(
    _A.c.resource_provider_id.in_(db_api.many('rp_ids')),
    _A.c.consumer_id.not_in(db_api.many('consumers'))).group_by(
    _A.c.resource_provider_id, _A.c.resource_class_id)
_DELETE = sa.delete(_A).where(_A.c.consumer_id.in_(db_api.many('consumers')))
_INSERT = sa.insert(_A)


class _SwapLost(Exception):
    """A provider generation moved between our read and our swap."""


def get_for_consumer(ctx, uuid):
    """(consumer row or None, {provider uuid: {generation, resources}})."""
    names = rc_obj.id_to_name(ctx)
    with ctx.db.reader() as s:
        consumer = consumer_obj.get_in(s, uuid)
        rows = s.execute(sa.select(
            _RP.c.uuid, _RP.c.generation, _A.c.resource_class_id, _A.c.used,
            _A.c.updated_at, _A.c.created_at).join(
            _RP, _RP.c.id == _A.c.resource_provider_id).where(
            _A.c.consumer_id == uuid)).all()
    allocations = {}
    for r in rows:
        entry = allocations.setdefault(
            r.uuid, {'generation': r.generation, 'resources': {}})
        entry['resources'][names[r.resource_class_id]] = r.used
    modified = util.latest(*(r.updated_at or r.created_at for r in rows))
    return consumer, allocations, modified


def get_for_provider_in(ctx, s, rp_id):
    """{consumer uuid: {resources: {class: used}}} on one provider."""
    names = rc_obj.id_to_name(ctx, s)
    result = {}
    for r in s.execute(sa.select(_A.c.consumer_id, _A.c.resource_class_id,
                                 _A.c.used).where(
            _A.c.resource_provider_id == rp_id)):
        result.setdefault(r.consumer_id, {'resources': {}})['resources'][
            names[r.resource_class_id]] = r.used
    return result


def _locked_providers(s, uuids=(), ids=()):
    """{uuid: (id, uuid, generation)} of the providers, rows locked.

    Locked in id order (FOR UPDATE; SQLite's writers are serialized
    anyway), so that concurrent writes to one provider wait for each other
    instead of failing their generation swap and starting again. Before a
    capacity check it must be the transaction's first statement: on MariaDB
    (REPEATABLE READ) the later reads then see everything committed before
    the lock was granted.
    """
    if not uuids and not ids:
        return {}
    if uuids:
        rows = s.execute(_LOCK_BY_UUID, {'uuids': sorted(uuids)}).all()
    else:
        rows = s.execute(_LOCK_BY_ID, {'ids': sorted(ids)}).all()
    found = {r.uuid: r for r in rows}
    for uuid in sorted(uuids):
        if uuid not in found:
            raise errors.BadRequest("Allocation for resource provider '%s' "
                                    "that does not exist." % uuid)
    return found


def _swap_generations(s, rows):
    """Compare-and-swap every provider's generation, lowest id first."""
    now = util.utcnow()
    for row in sorted(rows, key=lambda r: r.id):
        result = s.execute(_SWAP, {'rp_id': row.id, 'seen': row.generation,
                                   'next': row.generation + 1, 'now': now})
        if result.rowcount != 1:
            raise _SwapLost(row.uuid)


def _check_capacity(ctx, s, wanted, providers, consumer_uuids):
    """400/409 unless every (provider, class, amount) in wanted fits.

    Usage is read after the generation swap, so it is current.
    """
    names = rc_obj.id_to_name(ctx, s)
    rp_ids = sorted({providers[u].id for u, _ in wanted})
    invs = {(r.resource_provider_id, r.resource_class_id): r
            for r in s.execute(_INVENTORIES, {'rp_ids': rp_ids})}
    used = dict(((r[0], r[1]), r[2]) for r in s.execute(
        _USED_BY_OTHERS, {'rp_ids': rp_ids,
                          'consumers': sorted(consumer_uuids)}))
    for (rp_uuid, rc_id), amount in sorted(wanted.items()):
        rp_id = providers[rp_uuid].id
        inv = invs.get((rp_id, rc_id))
        name = names[rc_id]
        if inv is None:
            raise errors.BadRequest(
                "Unable to allocate inventory: Inventory for '%s' on "
                "resource provider '%s' invalid." % (name, rp_uuid))
        if (amount < inv.min_unit or amount > inv.max_unit
                or amount % inv.step_size):
            raise errors.BadRequest(
                'Unable to allocate inventory: Allocation for %s on resource'
                ' provider %s violates min_unit, max_unit, or step_size. '
                'Requested: %d, min_unit: %d, max_unit: %d, step_size: %d'
                % (name, rp_uuid, amount, inv.min_unit, inv.max_unit,
                   inv.step_size))
        capacity = (inv.total - inv.reserved) * inv.allocation_ratio
        if used.get((rp_id, rc_id), 0) + amount > capacity:
            raise errors.Conflict(
                "Unable to allocate inventory: Unable to create allocation "
                "for '%s' on resource provider '%s'. The requested amount "
                "would exceed the capacity." % (name, rp_uuid))


def write_in(ctx, s, requests, owners, check_generation):
    """Replace the allocations of every consumer in requests (in a writer).

    :param requests: dicts with consumer_uuid, project_id, user_id,
        allocations {provider uuid: {class: amount}}, and optionally
        consumer_generation and consumer_type.
    """
    consumer_uuids = [r['consumer_uuid'] for r in requests]
    providers = _locked_providers(
        s, {u for r in requests for u in r['allocations']})
    wanted = {}
    for r in requests:
        for rp_uuid, resources in r['allocations'].items():
            rc_ids = rc_obj.ids_for(ctx, resources, s)
            for name, amount in resources.items():
                key = (rp_uuid, rc_ids[name])
                wanted[key] = wanted.get(key, 0) + amount
    # The providers the consumers hold allocations on now: theirs change too.
    touched = {r.id: r for r in s.execute(
        _HOLDERS, {'consumers': consumer_uuids})}
    touched.update({r.id: r for r in providers.values()})
    _swap_generations(s, touched.values())
    if wanted:
        _check_capacity(ctx, s, wanted, providers, consumer_uuids)
    s.execute(_DELETE, {'consumers': consumer_uuids})
    now = util.utcnow()
    rows = []
    for r in requests:
        for rp_uuid, resources in sorted(r['allocations'].items()):
            rc_ids = rc_obj.ids_for(ctx, resources, s)
            for name, amount in sorted(resources.items()):
                rows.append({'resource_provider_id': providers[rp_uuid].id,
                             'consumer_id': r['consumer_uuid'],
                             'resource_class_id': rc_ids[name],
                             'used': amount, 'created_at': now})
        if r['allocations']:
            consumer_obj.save_in(s, r, owners, check_generation)
        else:
            current = consumer_obj.get_in(s, r['consumer_uuid'])
            if check_generation and current is not None and \
                    r.get('consumer_generation') != current.generation:
                raise consumer_obj._conflict(
                    r['consumer_uuid'], current.generation,
                    r.get('consumer_generation'))
            consumer_obj.delete_in(s, r['consumer_uuid'])
    if rows:
        s.execute(_INSERT, rows)


def _retrying_swaps(func):
    """Start again when a provider generation moved under us."""
    def wrapper(ctx, *args, **kwargs):
        for attempt in range(_SWAP_ATTEMPTS):
            try:
                return func(ctx, *args, **kwargs)
            except _SwapLost as lost:
                if attempt == _SWAP_ATTEMPTS - 1:
                    raise errors.provider_generation_conflict(lost.args[0])
                time.sleep(0.002 * (1 + random.random()) * (attempt + 1))
    return wrapper


@_retrying_swaps
@db_api.retry_on_deadlock
def replace(ctx, requests, check_generation):
    """Replace the allocations of the consumers in requests, all or none."""
    owners = consumer_obj.ensure_owners(ctx.db, requests)
    with ctx.db.writer() as s:
        write_in(ctx, s, requests, owners, check_generation)


@_retrying_swaps
@db_api.retry_on_deadlock
def delete_for_consumer(ctx, uuid):
    """Remove every allocation of consumer uuid; 404 when it has none."""
    with ctx.db.writer() as s:
        rp_ids = s.scalars(_HOLDER_IDS, {'consumer': uuid}).all()
        if not rp_ids:
            raise errors.NotFound("No allocations for consumer '%s'" % uuid)
        _swap_generations(s, _locked_providers(s, ids=rp_ids).values())
        s.execute(_DELETE, {'consumers': [uuid]})
        consumer_obj.delete_in(s, uuid)
