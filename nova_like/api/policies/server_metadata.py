# SPDX-License-Identifier: Apache-2.0
"""Rules of /servers/{id}/metadata (Nova's os_compute_api:server-metadata:*)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:server-metadata:%s'
_ALL = '/servers/{server_id}/metadata'
_ONE = '/servers/{server_id}/metadata/{key}'

rules = [
    base.operation(PREFIX % 'index', base.PROJECT_READER_OR_ADMIN,
                   'List the metadata of a server.', ('GET', _ALL)),
    base.operation(PREFIX % 'show', base.PROJECT_READER_OR_ADMIN,
                   'Show one metadata item of a server.', ('GET', _ONE)),
    base.operation(PREFIX % 'create', base.PROJECT_MEMBER_OR_ADMIN,
                   'Add or change metadata items of a server.',
                   ('POST', _ALL)),
    base.operation(PREFIX % 'update_all', base.PROJECT_MEMBER_OR_ADMIN,
                   'Replace all metadata of a server.', ('PUT', _ALL)),
    base.operation(PREFIX % 'update', base.PROJECT_MEMBER_OR_ADMIN,
                   'Set one metadata item of a server.', ('PUT', _ONE)),
    base.operation(PREFIX % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete one metadata item of a server.',
                   ('DELETE', _ONE)),
]


def list_rules():
    return rules
