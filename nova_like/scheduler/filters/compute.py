# SPDX-License-Identifier: Apache-2.0
"""ComputeFilter: only hosts whose compute service is enabled and up."""

from nova_like import conf

CONF = conf.CONF


class ComputeFilter:

    def host_passes(self, host_state, spec):
        service = host_state.service
        if service.disabled:
            return 'disabled'
        if not service.is_up(CONF.service_down_time):
            return 'down'
        return None
