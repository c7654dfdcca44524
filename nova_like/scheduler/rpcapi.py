# SPDX-License-Identifier: Apache-2.0
"""Client side of the scheduler RPC API.

API version history:

    1.0 - Initial version: ping.
"""

import oslo_messaging as messaging

from nova_like import conf
from nova_like import rpc
from nova_like import versions

CONF = conf.CONF

RPC_TOPIC = 'scheduler'
RPC_API_VERSION = versions.rpc_version('scheduler')


class SchedulerAPI:
    """Talks to nova-like-scheduler."""

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        cap = versions.version_cap('scheduler', CONF.upgrade_levels.scheduler)
        self.client = rpc.get_client(target, version_cap=cap)

    def ping(self, context, timeout=None):
        """Round trip to one scheduler.

        :returns: {'host': the scheduler's host}
        """
        cctxt = self.client.prepare(timeout=timeout)
        return cctxt.call(context, 'ping')
