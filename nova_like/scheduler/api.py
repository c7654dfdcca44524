# SPDX-License-Identifier: Apache-2.0
"""The scheduler's facade: what other services import to reach it."""

from nova_like.scheduler import rpcapi


class API:
    """Calls into nova-like-scheduler over RPC."""

    def __init__(self):
        self.scheduler_rpcapi = rpcapi.SchedulerAPI()

    def ping(self, context, timeout=None):
        return self.scheduler_rpcapi.ping(context, timeout=timeout)

    def select_destinations(self, context, request_spec, instance_uuids):
        return self.scheduler_rpcapi.select_destinations(
            context, request_spec, instance_uuids)
