# SPDX-License-Identifier: Apache-2.0
"""Client side of the compute RPC API (topic compute, server = host).

API version history:

    1.0 - Initial version: ping, build_and_run_instance,
          terminate_instance.
"""

import oslo_messaging as messaging

from nova_like import conf
from nova_like import rpc
from nova_like import versions

CONF = conf.CONF

RPC_TOPIC = 'compute'
RPC_API_VERSION = versions.rpc_version('compute')


class ComputeAPI:
    """Talks to the nova-like-compute of one host."""

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        cap = versions.version_cap('compute', CONF.upgrade_levels.compute)
        self.client = rpc.get_client(target, version_cap=cap)

    def ping(self, context, host, timeout=None):
        """Round trip to the compute daemon of host.

        :returns: {'host': host, 'driver': the virt driver's name}
        """
        cctxt = self.client.prepare(server=host, timeout=timeout)
        return cctxt.call(context, 'ping')

    def build_and_run_instance(self, context, instance, host, request_spec,
                               image, alternates):
        """Build instance on host, whose Placement claim is already made (cast).

        :param alternates: Selections to reschedule to if the build fails.
        """
        cctxt = self.client.prepare(server=host)
        cctxt.cast(context, 'build_and_run_instance', instance=instance,
                   request_spec=request_spec, image=image,
                   alternates=alternates)

    def terminate_instance(self, context, instance):
        """Destroy the guest on instance.host and delete the instance (cast)."""
        cctxt = self.client.prepare(server=instance.host)
        cctxt.cast(context, 'terminate_instance', instance=instance)
