# SPDX-License-Identifier: Apache-2.0
"""Client side of the compute RPC API (topic compute, server = host).

API version history:

    1.0 - Initial version: ping.
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
