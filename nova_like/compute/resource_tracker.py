# SPDX-License-Identifier: Apache-2.0
"""ResourceTracker: keeps the ComputeNode records of this host in step with the hypervisor."""

import logging

from nova_like import exception
from nova_like import objects

LOG = logging.getLogger(__name__)

_NODE_FIELDS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
                'memory_mb_used', 'local_gb_used', 'hypervisor_type',
                'hypervisor_version', 'cpu_info')


class ResourceTracker:

    def __init__(self, host, driver):
        self.host = host
        self.driver = driver
        self.compute_nodes = {}

    def update_available_resource(self, context):
        """Create or refresh the ComputeNode of every node of the driver."""
        for nodename in self.driver.get_available_nodes():
            resources = self.driver.get_available_resource(nodename)
            self._update_node(context, nodename, resources)

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
                node.running_vms = len(self.driver.list_instance_uuids())
                node.create()
                LOG.info('Compute node %s (%s) created for host %s',
                         nodename, node.uuid, self.host)
                self.compute_nodes[nodename] = node
                return
        for name in _NODE_FIELDS:
            if getattr(node, name) != resources[name]:
                setattr(node, name, resources[name])
        running = len(self.driver.list_instance_uuids())
        if node.running_vms != running:
            node.running_vms = running
        node.save()
        self.compute_nodes[nodename] = node
