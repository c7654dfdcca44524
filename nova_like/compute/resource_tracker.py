# SPDX-License-Identifier: Apache-2.0
"""ResourceTracker: keeps this host's records in step with the hypervisor.

Its ComputeNode records and its Placement inventory.
"""

import logging

from nova_like.clients import placement as placement_client
from nova_like import conf
from nova_like import exception
from nova_like import objects

CONF = conf.CONF
LOG = logging.getLogger(__name__)

# The traits a driver reports; any other trait on the provider is left be.
CPU_TRAIT_PREFIX = 'HW_CPU_'

_NODE_FIELDS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
                'memory_mb_used', 'local_gb_used', 'hypervisor_type',
                'hypervisor_version', 'cpu_info')


def inventory_for(resources):
    """Placement inventory of a node from its hypervisor resources."""
    return {
        'VCPU': {'total': resources['vcpus'],
                 'reserved': CONF.reserved_host_cpus,
                 'min_unit': 1, 'max_unit': resources['vcpus'],
                 'step_size': 1,
                 'allocation_ratio': CONF.cpu_allocation_ratio},
        'MEMORY_MB': {'total': resources['memory_mb'],
                      'reserved': CONF.reserved_host_memory_mb,
                      'min_unit': 1, 'max_unit': resources['memory_mb'],
                      'step_size': 1,
                      'allocation_ratio': CONF.ram_allocation_ratio},
        'DISK_GB': {'total': resources['local_gb'],
                    'reserved': CONF.reserved_host_disk_mb // 1024,
                    'min_unit': 1, 'max_unit': resources['local_gb'],
                    'step_size': 1,
                    'allocation_ratio': CONF.disk_allocation_ratio},
    }


class ResourceTracker:

    def __init__(self, host, driver, placement=None):
        self.host = host
        self.driver = driver
        self.placement = placement or placement_client.PlacementClient()
        self.compute_nodes = {}
        self._reported = {}
        self._unreported = set()  # nodes whose last report failed

    @property
    def placement_pending(self):
        """True while a node's inventory has not reached Placement."""
        return bool(self._unreported)

    def update_available_resource(self, context):
        """Refresh every node's ComputeNode and Placement inventory."""
        for nodename in self.driver.get_available_nodes():
            resources = self.driver.get_available_resource(nodename)
            node = self._update_node(context, nodename, resources)
            self._report(node, resources, self.driver.get_traits(nodename))

    def _report(self, node, resources, traits=()):
        inventory = inventory_for(resources)
        if self._reported.get(node.uuid) == (inventory, list(traits)):
            return
        try:
            self.placement.ensure_resource_provider(node.uuid,
                                                    node.hypervisor_hostname)
            self.placement.set_inventory(node.uuid, inventory)
            if traits:
                self.placement.set_managed_traits(node.uuid, traits,
                                                  CPU_TRAIT_PREFIX)
        except (exception.PlacementUnavailable,
                exception.PlacementError) as exc:
            # Tried again every report_interval (see ComputeManager); until
            # then the host is simply not a candidate.
            LOG.warning('Could not report %s to Placement: %s',
                        node.hypervisor_hostname, exc.message)
            self._unreported.add(node.uuid)
            return
        self._unreported.discard(node.uuid)
        self._reported[node.uuid] = (inventory, list(traits))
        LOG.info('Reported inventory of %s (%s) to Placement',
                 node.hypervisor_hostname, node.uuid)

    def _update_node(self, context, nodename, resources):
        node = self.compute_nodes.get(nodename)
        if node is None:
            try:
                node = objects.ComputeNode.get_by_host_and_nodename(
                    context, self.host, nodename)
            except exception.ComputeNodeNotFound:
                node = objects.ComputeNode(context, host=self.host,
                                           hypervisor_hostname=nodename)
                for name in _NODE_FIELDS:
                    setattr(node, name, resources[name])
                node.host_ip = CONF.my_ip
                node.running_vms = len(self.driver.list_instance_uuids())
                node.create()
                LOG.info('Compute node %s (%s) created for host %s',
                         nodename, node.uuid, self.host)
                self.compute_nodes[nodename] = node
                return node
        for name in _NODE_FIELDS:
            if getattr(node, name) != resources[name]:
                setattr(node, name, resources[name])
        if node.host_ip != CONF.my_ip:
            node.host_ip = CONF.my_ip
        running = len(self.driver.list_instance_uuids())
        if node.running_vms != running:
            node.running_vms = running
        node.save()
        self.compute_nodes[nodename] = node
        return node
