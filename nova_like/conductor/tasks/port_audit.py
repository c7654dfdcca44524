# SPDX-License-Identifier: Apache-2.0
"""The port audit: ports bound to servers that are gone are given back.

Run by the conductor every [conductor] port_audit_interval. A compute host
gives its servers' ports back on delete, reschedule and failure, but one
that died in between (or could not reach nova-like-network then) leaves
ports whose device_id names a server that no longer needs them. One pass
reads the bound ports first, then the instances of every cell (a port is
only ever bound after its instance is written, so a server being built is
never missed), and finds the ports of servers that are

- deleted, or in no cell at all;
- in ERROR without ever having run (a build that failed: a server that
  ran keeps its ports in ERROR, as in Nova, for a rebuild or a reset).

Their ports are given back only when a second pass in a row finds the
same, and each repair is logged; giving back twice is harmless.
"""

import logging

from nova_like.compute import vm_states
from nova_like.conductor.tasks import audit
from nova_like import conf
from nova_like import exception

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class PortAudit:
    """Keeps what the last pass found, to act on what two passes agree on."""

    def __init__(self, network):
        self.network = network
        self._orphans = audit.TwoPasses()

    def run(self, context):
        """One pass; returns the instance uuids whose ports went back."""
        ctx = context.elevated()
        bound = self.network.get_bound_instances(ctx)
        live = {i.uuid for i in audit.instances(ctx, list(bound))
                if not _done_with_ports(i)}
        orphans = set(bound) - live
        return [u for u in self._orphans.confirm(orphans)
                if self._release(ctx, u, bound[u])]

    def _release(self, ctx, instance_uuid, ports):
        try:
            self.network.deallocate_for_instance(ctx, instance_uuid)
        except exception.NovaLikeException:
            LOG.exception('Port audit: could not give back the ports of %s',
                          instance_uuid)
            return False
        LOG.warning('Port audit: gave back ports %s of %s, a server that is '
                    'gone or never ran', ', '.join(ports), instance_uuid)
        return True


def _done_with_ports(instance):
    return instance.vm_state == vm_states.DELETED or (
        instance.vm_state == vm_states.ERROR and
        instance.launched_at is None and instance.task_state is None)
