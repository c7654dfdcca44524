# SPDX-License-Identifier: Apache-2.0
"""Client side of the scheduler RPC API.

API version history:

    1.0 - Initial version: ping, select_destinations.
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

    def select_destinations(self, context, request_spec, instance_uuids):
        """Choose a host for each instance and claim it in Placement.

        :returns: one list per instance uuid: the chosen Selection first,
            then up to [scheduler] max_attempts - 1 alternates.
        :raises: NoValidHost with the reason hosts were removed.
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'select_destinations',
                          request_spec=request_spec,
                          instance_uuids=instance_uuids)
