# SPDX-License-Identifier: Apache-2.0
"""Rules of os-aggregates (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-aggregates'
INDEX = PREFIX + ':index'
CREATE = PREFIX + ':create'
SHOW = PREFIX + ':show'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'
ADD_HOST = PREFIX + ':add_host'
REMOVE_HOST = PREFIX + ':remove_host'
SET_METADATA = PREFIX + ':set_metadata'
_ONE = '/os-aggregates/{aggregate_id}'

rules = [
    base.operation(INDEX, base.ADMIN, 'List host aggregates.',
                   ('GET', '/os-aggregates')),
    base.operation(CREATE, base.ADMIN, 'Create a host aggregate.',
                   ('POST', '/os-aggregates')),
    base.operation(SHOW, base.ADMIN, 'Show a host aggregate.',
                   ('GET', _ONE)),
    base.operation(UPDATE, base.ADMIN,
                   'Rename a host aggregate or change its zone.',
                   ('PUT', _ONE)),
    base.operation(DELETE, base.ADMIN,
                   'Delete an empty host aggregate.', ('DELETE', _ONE)),
    base.operation(ADD_HOST, base.ADMIN,
                   'Add a host to an aggregate.',
                   ('POST', _ONE + '/action (add_host)')),
    base.operation(REMOVE_HOST, base.ADMIN,
                   'Remove a host from an aggregate.',
                   ('POST', _ONE + '/action (remove_host)')),
    base.operation(SET_METADATA, base.ADMIN,
                   "Set or unset an aggregate's metadata.",
                   ('POST', _ONE + '/action (set_metadata)')),
]


def list_rules():
    return rules
