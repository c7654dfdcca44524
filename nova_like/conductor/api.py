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


class ComputeTaskAPI:
    """Starts the conductor's long flows."""

    def __init__(self):
        self.conductor_rpcapi = rpcapi.ConductorAPI()

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, tags=None):
        """See ConductorAPI.schedule_and_build_instances (a cast)."""
        self.conductor_rpcapi.schedule_and_build_instances(
            context, build_requests, request_specs, image, tags)


def indirection_api():
    """The client that runs remotable object methods in the conductor."""
    return rpcapi.ConductorAPI()
