# SPDX-License-Identifier: Apache-2.0
"""Rules of os-aggregates (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-aggregates:%s'
_ONE = '/os-aggregates/{aggregate_id}'

rules = [
    base.operation(PREFIX % 'index', base.ADMIN, 'List host aggregates.',
                   ('GET', '/os-aggregates')),
    base.operation(PREFIX % 'create', base.ADMIN, 'Create a host aggregate.',
                   ('POST', '/os-aggregates')),
    base.operation(PREFIX % 'show', base.ADMIN, 'Show a host aggregate.',
                   ('GET', _ONE)),
    base.operation(PREFIX % 'update', base.ADMIN,
                   'Rename a host aggregate or change its zone.',
                   ('PUT', _ONE)),
    base.operation(PREFIX % 'delete', base.ADMIN,
                   'Delete an empty host aggregate.', ('DELETE', _ONE)),
    base.operation(PREFIX % 'add_host', base.ADMIN,
                   'Add a host to an aggregate.',
                   ('POST', _ONE + '/action (add_host)')),
    base.operation(PREFIX % 'remove_host', base.ADMIN,
                   'Remove a host from an aggregate.',
                   ('POST', _ONE + '/action (remove_host)')),
    base.operation(PREFIX % 'set_metadata', base.ADMIN,
                   "Set or unset an aggregate's metadata.",
                   ('POST', _ONE + '/action (set_metadata)')),
]


def list_rules():
    return rules
