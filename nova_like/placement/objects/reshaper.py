# SPDX-License-Identifier: Apache-2.0
"""Reshaper: replace inventories and allocations together, all or nothing."""

from nova_like.placement.db import api as db_api
from nova_like.placement.objects import allocation as alloc_obj
from nova_like.placement.objects import consumer as consumer_obj
from nova_like.placement.objects import inventory as inv_obj
from nova_like.placement.objects import resource_provider as rp_obj


@alloc_obj._retrying_swaps
@db_api.retry_on_deadlock
def reshape(ctx, inventories, requests):
    """Apply new inventories, then move allocations, then drop old classes.

    :param inventories: {provider uuid: (generation, {class: inventory})}.
    :param requests: allocation requests as objects/allocation.py takes.
    """
    owners = consumer_obj.ensure_owners(ctx.db, requests)
    with ctx.db.writer() as s:
        providers = {}
        for uuid, (generation, invs) in sorted(inventories.items()):
            rp = rp_obj.get_by_uuid_in(s, uuid)
            rp_obj.bump_generation(s, rp, generation)
            providers[uuid] = rp
            # Add and update first; classes that go away are removed after
            # the allocations that used them have moved.
            current, _ = inv_obj._for_provider(ctx, s, rp.id)
            keep = dict(current)
            keep.update(invs)
            inv_obj.write_in(ctx, s, rp, keep)
        alloc_obj.write_in(ctx, s, requests, owners, check_generation=True)
        for uuid, (_generation, invs) in sorted(inventories.items()):
            inv_obj.write_in(ctx, s, providers[uuid], invs)
