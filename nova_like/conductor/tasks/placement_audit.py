# SPDX-License-Identifier: Apache-2.0
"""The Placement audit: compute node allocations checked and repaired.

Allocations on compute nodes are compared with the servers that should hold
them.

Run by the conductor every [conductor] placement_audit_interval (like
`nova-manage placement audit --delete` and `heal_allocations`, but by
itself). One pass reads, in this order so that a server moving from build
request to cell in between is never missed (its instance is written before
its build request is deleted):

1. the allocations on every compute node of every cell;
2. the build requests (servers not yet in a cell, which may hold a claim);
3. the instances of every cell.

- An allocation whose consumer is neither a build request nor an instance
  is an orphan (a server deleted or never built, whatever crashed).
- A server settled on a host (active, stopped, paused or suspended, no task
  in flight) with no allocation lacks its claim: its flavor is allocated
  on its compute node again.

Either is repaired only when a second pass in a row finds the same thing,
so a request that was between two steps during one pass is never touched.
Every repair is logged. Several conductors may run audits: each repair is
idempotent (a delete of a missing allocation is a no-op; a heal writes the
consumer's allocation only when the consumer has none).
"""

import logging
import types

from nova_like.compute import vm_states
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.scheduler import utils as scheduler_utils

CONF = conf.CONF
LOG = logging.getLogger(__name__)

_SETTLED = (vm_states.ACTIVE, vm_states.STOPPED, vm_states.PAUSED,
            vm_states.SUSPENDED)


class PlacementAudit:
    """Keeps what the last pass found, to act on what two passes agree on."""

    def __init__(self, placement):
        self.placement = placement
        self._orphans = set()
        self._unclaimed = set()

    def run(self, context):
        """One pass; returns {'removed': [consumers], 'healed': [servers]}."""
        ctx = context.elevated()
        cells = [c for c in objects.CellMappingList.get_all(ctx)
                 if not c.is_cell0 and not c.disabled]
        consumers = self._allocations(ctx, cells)
        known = {br.instance_uuid
                 for br in objects.BuildRequestList.get_all(ctx)}
        instances = {}
        for cell in cells:
            with nl_context.target_cell(ctx, cell) as cctx:
                for instance in objects.InstanceList.get_by_filters(cctx, {}):
                    instances[instance.uuid] = (cctx, instance)
        known.update(instances)
        orphans = set(consumers) - known
        unclaimed = {uuid for uuid, (_c, i) in instances.items()
                     if uuid not in consumers and i.host and i.node and
                     i.vm_state in _SETTLED and i.task_state is None}
        removed = [u for u in sorted(orphans & self._orphans)
                   if self._remove(u, consumers[u])]
        healed = [u for u in sorted(unclaimed & self._unclaimed)
                  if self._heal(*instances[u])]
        self._orphans, self._unclaimed = orphans, unclaimed
        return {'removed': removed, 'healed': healed}

    def _allocations(self, ctx, cells):
        """{consumer uuid: {provider uuid: resources}} on compute nodes."""
        consumers = {}
        for cell in cells:
            with nl_context.target_cell(ctx, cell) as cctx:
                nodes = objects.ComputeNodeList.get_all(cctx)
            for node in nodes:
                for consumer, resources in \
                        self.placement.get_provider_allocations(
                            node.uuid).items():
                    consumers.setdefault(consumer, {})[node.uuid] = resources
        return consumers

    def _remove(self, consumer, allocations):
        try:
            self.placement.delete_allocation_for_instance(consumer)
        except exception.NovaLikeException:
            LOG.exception('Placement audit: could not remove the allocations '
                          'of %s', consumer)
            return False
        LOG.warning('Placement audit: removed the allocations of %s (%s), '
                    'which is no server, nor a server being built',
                    consumer, allocations)
        return True

    def _heal(self, cctx, instance):
        try:
            node = objects.ComputeNode.get_by_host_and_nodename(
                cctx, instance.host, instance.node)
            resources = scheduler_utils.resources_from_request_spec(
                types.SimpleNamespace(flavor=instance.flavor))
            claimed = self.placement.claim_resources(
                instance.uuid,
                {'allocations': {node.uuid: {'resources': resources}}},
                instance.project_id, instance.user_id)
        except exception.NovaLikeException:
            LOG.exception('Placement audit: could not give %s its '
                          'allocation back', instance.uuid)
            return False
        if not claimed:
            LOG.warning('Placement audit: %s lacks its allocation on %s, and '
                        'it no longer fits there (or it got one meanwhile)',
                        instance.uuid, instance.node)
            return False
        LOG.warning('Placement audit: %s on %s had no allocation; allocated '
                    '%s again', instance.uuid, instance.node, resources)
        return True
