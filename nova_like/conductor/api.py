# SPDX-License-Identifier: Apache-2.0
"""The conductor's facade: what other services import to reach it."""

from nova_like.conductor import rpcapi


class API:
    """Calls into nova-like-conductor over RPC."""

    def __init__(self):
        self.conductor_rpcapi = rpcapi.ConductorAPI()

    def ping(self, context, scheduler=False, compute_host=None, timeout=None):
        """See ConductorAPI.ping."""
        return self.conductor_rpcapi.ping(context, scheduler=scheduler,
                                          compute_host=compute_host,
                                          timeout=timeout)


def indirection_api():
    """The client that runs remotable object methods in the conductor."""
    return rpcapi.ConductorAPI()
