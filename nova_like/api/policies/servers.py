# SPDX-License-Identifier: Apache-2.0
"""Rules of the servers resource (Nova's os_compute_api:servers:* names)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:servers:%s'

rules = [
    base.operation(PREFIX % 'index', base.PROJECT_READER_OR_ADMIN,
                   'List servers.', ('GET', '/servers')),
    base.operation(PREFIX % 'detail', base.PROJECT_READER_OR_ADMIN,
                   'List servers with details.', ('GET', '/servers/detail')),
    base.operation(PREFIX % 'index:get_all_tenants', base.ADMIN,
                   'List the servers of every project (all_tenants).',
                   ('GET', '/servers')),
    base.operation(PREFIX % 'detail:get_all_tenants', base.ADMIN,
                   'List the servers of every project with details.',
                   ('GET', '/servers/detail')),
    base.operation(PREFIX % 'allow_all_filters', base.ADMIN,
                   'Filter server lists by any field, not only the few '
                   'a project user may.', ('GET', '/servers'),
                   ('GET', '/servers/detail')),
    base.operation(PREFIX % 'show', base.PROJECT_READER_OR_ADMIN,
                   'Show a server.', ('GET', '/servers/{server_id}')),
    base.operation(PREFIX % 'show:host_status', base.ADMIN,
                   "Show the status of a server's host (host_status).",
                   ('GET', '/servers/{server_id}'),
                   ('GET', '/servers/detail')),
    base.operation(PREFIX % 'create', base.PROJECT_MEMBER_OR_ADMIN,
                   'Create a server.', ('POST', '/servers')),
    base.operation(PREFIX % 'create:forced_host', base.ADMIN,
                   'Create a server on a named host or node.',
                   ('POST', '/servers')),
    base.operation(PREFIX % 'update', base.PROJECT_MEMBER_OR_ADMIN,
                   'Update a server.', ('PUT', '/servers/{server_id}')),
    base.operation(PREFIX % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete a server.', ('DELETE', '/servers/{server_id}')),
    base.operation('os_compute_api:os-extended-server-attributes',
                   base.ADMIN, 'Show the OS-EXT-SRV-ATTR:* attributes of '
                   'a server.', ('GET', '/servers/{server_id}'),
                   ('GET', '/servers/detail')),
]


def list_rules():
    return rules
