# SPDX-License-Identifier: Apache-2.0
"""The compute facade: what the API and conductor import to reach compute hosts."""

from nova_like.compute import rpcapi


class API:
    """Calls into nova-like-compute daemons over RPC."""

    def __init__(self):
        self.compute_rpcapi = rpcapi.ComputeAPI()

    def ping(self, context, host, timeout=None):
        return self.compute_rpcapi.ping(context, host, timeout=timeout)
