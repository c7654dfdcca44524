# SPDX-License-Identifier: Apache-2.0
"""Rules of os-hypervisors (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-hypervisors'
LIST = PREFIX + ':list'
LIST_DETAIL = PREFIX + ':list-detail'
STATISTICS = PREFIX + ':statistics'
SHOW = PREFIX + ':show'
UPTIME = PREFIX + ':uptime'
SEARCH = PREFIX + ':search'
SERVERS = PREFIX + ':servers'
_PATH = '/os-hypervisors'

rules = [
    base.operation(LIST, base.ADMIN, 'List hypervisors.',
                   ('GET', _PATH)),
    base.operation(LIST_DETAIL, base.ADMIN,
                   'List hypervisors with details.',
                   ('GET', _PATH + '/detail')),
    base.operation(STATISTICS, base.ADMIN,
                   'Show the sum of every hypervisor\'s resources '
                   '(below 2.88).', ('GET', _PATH + '/statistics')),
    base.operation(SHOW, base.ADMIN, 'Show a hypervisor.',
                   ('GET', _PATH + '/{hypervisor_id}')),
    base.operation(UPTIME, base.ADMIN,
                   'Show the uptime of a hypervisor (below 2.88).',
                   ('GET', _PATH + '/{hypervisor_id}/uptime')),
    base.operation(SEARCH, base.ADMIN,
                   'Find hypervisors by hostname (below 2.53).',
                   ('GET', _PATH + '/{hypervisor_hostname_pattern}/search')),
    base.operation(SERVERS, base.ADMIN,
                   'List the servers of hypervisors found by hostname '
                   '(below 2.53).',
                   ('GET',
                    _PATH + '/{hypervisor_hostname_pattern}/servers')),
]


def list_rules():
    return rules
