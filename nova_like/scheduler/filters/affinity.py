# SPDX-License-Identifier: Apache-2.0
"""SameHostFilter and DifferentHostFilter.

The same_host and different_host scheduler hints.
"""


class SameHostFilter:

    def host_passes(self, host_state, spec):
        wanted = set((spec.scheduler_hints or {}).get('same_host', []))
        if wanted and not wanted & host_state.instance_uuids:
            return 'not hosting %s' % ', '.join(sorted(wanted))
        return None


class DifferentHostFilter:

    def host_passes(self, host_state, spec):
        avoid = set((spec.scheduler_hints or {}).get('different_host', []))
        if avoid & host_state.instance_uuids:
            return 'hosting one of %s' % ', '.join(sorted(avoid))
        return None
