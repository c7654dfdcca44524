# SPDX-License-Identifier: Apache-2.0
"""AvailabilityZoneFilter: only hosts in the zone the server asked for."""


class AvailabilityZoneFilter:

    def host_passes(self, host_state, spec):
        wanted = spec.availability_zone
        if not wanted:
            return None
        zone, _, host = wanted.partition(':')
        if zone and zone != host_state.availability_zone:
            return 'in zone %s' % host_state.availability_zone
        if host and host != host_state.host:
            return 'not host %s' % host
        return None
