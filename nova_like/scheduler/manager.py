# SPDX-License-Identifier: Apache-2.0
"""The scheduler's RPC endpoint."""

import oslo_messaging as messaging

from nova_like import conf
from nova_like import versions

CONF = conf.CONF


class SchedulerManager:
    """Endpoint of the scheduler topic."""

    target = messaging.Target(version=versions.rpc_version('scheduler'))

    def __init__(self, host=None):
        self.host = host or CONF.host

    def ping(self, context):
        return {'host': self.host}
