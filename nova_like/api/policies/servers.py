# SPDX-License-Identifier: Apache-2.0
"""Rules of the servers resource (Nova's os_compute_api:servers:* names)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:servers'
INDEX = PREFIX + ':index'
DETAIL = PREFIX + ':detail'
INDEX_ALL_TENANTS = INDEX + ':get_all_tenants'
DETAIL_ALL_TENANTS = DETAIL + ':get_all_tenants'
ALLOW_ALL_FILTERS = PREFIX + ':allow_all_filters'
SHOW = PREFIX + ':show'
SHOW_HOST_STATUS = SHOW + ':host_status'
CREATE = PREFIX + ':create'
CREATE_FORCED_HOST = CREATE + ':forced_host'
CREATE_REQUESTED_DESTINATION = CREATE + ':requested_destination'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'
EXTENDED_SERVER_ATTRIBUTES = 'os_compute_api:os-extended-server-attributes'

rules = [
    base.operation(INDEX, base.PROJECT_READER_OR_ADMIN,
                   'List servers.', ('GET', '/servers')),
    base.operation(DETAIL, base.PROJECT_READER_OR_ADMIN,
                   'List servers with details.', ('GET', '/servers/detail')),
    base.operation(INDEX_ALL_TENANTS, base.ADMIN,
                   'List the servers of every project (all_tenants).',
                   ('GET', '/servers')),
    base.operation(DETAIL_ALL_TENANTS, base.ADMIN,
                   'List the servers of every project with details.',
                   ('GET', '/servers/detail')),
    base.operation(ALLOW_ALL_FILTERS, base.ADMIN,
                   'Filter server lists by any field, not only the few '
                   'a project user may.', ('GET', '/servers'),
                   ('GET', '/servers/detail')),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show a server.', ('GET', '/servers/{server_id}')),
    base.operation(SHOW_HOST_STATUS, base.ADMIN,
                   "Show the status of a server's host (host_status).",
                   ('GET', '/servers/{server_id}'),
                   ('GET', '/servers/detail')),
    base.operation(CREATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Create a server.', ('POST', '/servers')),
    base.operation(CREATE_FORCED_HOST, base.ADMIN,
                   'Create a server on a named host or node, no filter '
                   'applied (availability_zone az:host:node).',
                   ('POST', '/servers')),
    base.operation(CREATE_REQUESTED_DESTINATION, base.ADMIN,
                   'Create a server on a named host or node, the '
                   'scheduler filters applied (2.74 host, '
                   'hypervisor_hostname).', ('POST', '/servers')),
    base.operation(UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Update a server.', ('PUT', '/servers/{server_id}')),
    base.operation(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete a server.', ('DELETE', '/servers/{server_id}')),
    base.operation(EXTENDED_SERVER_ATTRIBUTES, base.ADMIN,
                   'Show the OS-EXT-SRV-ATTR:* attributes of a server.',
                   ('GET', '/servers/{server_id}'),
                   ('GET', '/servers/detail')),
]


def list_rules():
    return rules
