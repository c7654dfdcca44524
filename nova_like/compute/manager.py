# SPDX-License-Identifier: Apache-2.0
"""The compute daemon's RPC endpoint: one per host, in front of the virt driver."""

import logging

import oslo_messaging as messaging

from nova_like.clients import placement as placement_client
from nova_like.compute import build
from nova_like.compute import resource_tracker
from nova_like import conf
from nova_like import versions
from nova_like.virt import driver as virt_driver

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class ComputeManager:
    """Endpoint of topic compute, server <host>."""

    target = messaging.Target(version=versions.rpc_version('compute'))

    def __init__(self, host=None, driver=None, placement=None):
        self.host = host or CONF.host
        self.driver = driver or virt_driver.load_driver(CONF.compute_driver)
        self.placement = placement or placement_client.PlacementClient()
        self.rt = resource_tracker.ResourceTracker(self.host, self.driver,
                                                   self.placement)

    def init_host(self, context):
        """Connect to the hypervisor and record this host's nodes."""
        self.driver.init_host(self.host)
        self.rt.update_available_resource(context)

    def periodic_tasks(self, context):
        """Run every [DEFAULT] periodic_interval by the service."""
        self.rt.update_available_resource(context)

    def ping(self, context):
        return {'host': self.host, 'driver': self.driver.name}

    def build_and_run_instance(self, context, instance, request_spec, image,
                               alternates):
        """See ComputeAPI.build_and_run_instance; the flow is compute/build.py."""
        build.BuildTask(self, context, instance, request_spec, image,
                        alternates).run()

    def terminate_instance(self, context, instance):
        """See ComputeAPI.terminate_instance; the flow is compute/build.py."""
        build.terminate(self, context, instance)
