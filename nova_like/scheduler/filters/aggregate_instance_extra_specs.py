# SPDX-License-Identifier: Apache-2.0
"""AggregateInstanceExtraSpecsFilter: flavor specs vs aggregate metadata.

aggregate_instance_extra_specs:K=V must match the host's aggregates'
metadata.
"""

_SCOPE = 'aggregate_instance_extra_specs:'


class AggregateInstanceExtraSpecsFilter:

    def host_passes(self, host_state, spec):
        wanted = {k[len(_SCOPE):]: v for k, v in
                  (spec.flavor.extra_specs or {}).items()
                  if k.startswith(_SCOPE)}
        if not wanted:
            return None
        metadata = {}
        for aggregate in host_state.aggregates:
            for key, value in aggregate.get('metadata', {}).items():
                metadata.setdefault(key, set()).add(value)
        for key, value in wanted.items():
            if value not in metadata.get(key, ()):
                return 'no aggregate with %s=%s' % (key, value)
        return None
