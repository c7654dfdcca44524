# SPDX-License-Identifier: Apache-2.0
"""Rules of os-hypervisors (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-hypervisors:%s'
_PATH = '/os-hypervisors'

rules = [
    base.operation(PREFIX % 'list', base.ADMIN, 'List hypervisors.',
                   ('GET', _PATH)),
    base.operation(PREFIX % 'list-detail', base.ADMIN,
                   'List hypervisors with details.',
                   ('GET', _PATH + '/detail')),
    base.operation(PREFIX % 'statistics', base.ADMIN,
                   'Show the sum of every hypervisor\'s resources '
                   '(below 2.88).', ('GET', _PATH + '/statistics')),
    base.operation(PREFIX % 'show', base.ADMIN, 'Show a hypervisor.',
                   ('GET', _PATH + '/{hypervisor_id}')),
    base.operation(PREFIX % 'uptime', base.ADMIN,
                   'Show the uptime of a hypervisor (below 2.88).',
                   ('GET', _PATH + '/{hypervisor_id}/uptime')),
    base.operation(PREFIX % 'search', base.ADMIN,
                   'Find hypervisors by hostname (below 2.53).',
                   ('GET', _PATH + '/{hypervisor_hostname_pattern}/search')),
    base.operation(PREFIX % 'servers', base.ADMIN,
                   'List the servers of hypervisors found by hostname '
                   '(below 2.53).',
                   ('GET',
                    _PATH + '/{hypervisor_hostname_pattern}/servers')),
]


def list_rules():
    return rules
