# SPDX-License-Identifier: Apache-2.0
"""ServerGroupAffinityFilter and ServerGroupAntiAffinityFilter.

The hard policies of the server's group.
"""

from nova_like.objects import instance_group


class ServerGroupAffinityFilter:

    def host_passes(self, host_state, spec):
        group = host_state.server_group
        if group is None or group.policy != instance_group.AFFINITY:
            return None
        if host_state.group_hosts and \
                host_state.host not in host_state.group_hosts:
            return 'affinity: the group runs on %s' % ', '.join(
                sorted(host_state.group_hosts))
        return None


class ServerGroupAntiAffinityFilter:

    def host_passes(self, host_state, spec):
        group = host_state.server_group
        if group is None or group.policy != instance_group.ANTI_AFFINITY:
            return None
        limit = instance_group.max_server_per_host(group.rules)
        if host_state.group_members_here() >= limit:
            return ('anti-affinity: %d server(s) of the group already there'
                    % limit)
        return None
