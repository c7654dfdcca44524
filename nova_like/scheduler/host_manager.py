# SPDX-License-Identifier: Apache-2.0
"""HostState: what the scheduler knows of one compute node.

Read from every cell.
"""

import json

from nova_like import conf
from nova_like import context as nl_context
from nova_like.db.api import aggregates as aggregate_db
from nova_like.db.main import compute_nodes as compute_node_db
from nova_like import objects
from nova_like.objects import service as service_obj

CONF = conf.CONF


class HostState:
    """A compute node with its service, cell and Placement summary."""

    def __init__(self, node, service, cell_uuid):
        """:param node: the compute node's row (a dict of its columns)."""
        self.uuid = node['uuid']
        self.host = node['host']
        self.nodename = node['hypervisor_hostname']
        self.cell_uuid = cell_uuid
        self.service = service
        self.hypervisor_type = node['hypervisor_type']
        try:
            self.cpu_info = json.loads(node['cpu_info'] or '{}')
        except ValueError:
            self.cpu_info = {}
        self.availability_zone = CONF.default_availability_zone
        self.aggregates = []
        self.instance_uuids = set()
        # The InstanceGroup of the request and the hosts its members are on.
        self.server_group = None
        self.group_hosts = set()
        # Filled from Placement's provider summary: free = capacity - used.
        self.free = {}

    def set_aggregates(self, aggregates):
        """The host's aggregates; the zone of one of them is the host's."""
        self.aggregates = aggregates
        for aggregate in aggregates:
            zone = aggregate['metadata'].get('availability_zone')
            if zone:
                self.availability_zone = zone

    def group_members_here(self):
        if self.server_group is None:
            return 0
        return len(set(self.server_group.members) & self.instance_uuids)

    def set_summary(self, summary):
        self.free = {rc: int(v['capacity'] - v['used'])
                     for rc, v in summary.get('resources', {}).items()}

    def consume(self, resources):
        """Account for a claim made during this scheduling pass."""
        for rc, amount in resources.items():
            self.free[rc] = self.free.get(rc, 0) - amount

    def __repr__(self):
        return '<HostState %s/%s>' % (self.host, self.nodename)


def get_host_states(context, node_uuids):
    """HostStates of the compute nodes with these uuids, across all cells.

    :returns: {node uuid: HostState}
    """
    wanted = set(node_uuids)
    states = {}
    ctx = context.elevated()
    cells = [c for c in objects.CellMappingList.get_all(ctx)
             if not c.is_cell0 and not c.disabled]
    by_host = {}
    for aggregate in aggregate_db.aggregate_get_all():
        for host in aggregate['hosts']:
            by_host.setdefault(host, []).append(aggregate)
    for cell in cells:
        with nl_context.target_cell(ctx, cell) as cctx:
            service_rows, node_rows = (
                compute_node_db.compute_services_and_nodes(
                    cctx, service_obj.COMPUTE_BINARY))
            services = {row['host']: row for row in service_rows}
            for node in node_rows:
                service = services.get(node['host'])
                if node['uuid'] in wanted and service is not None:
                    state = HostState(node, objects.Service._from_db_object(
                        cctx, objects.Service(), service), cell.uuid)
                    state.set_aggregates(by_host.get(node['host'], []))
                    states[node['uuid']] = state
    return states
