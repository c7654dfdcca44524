# SPDX-License-Identifier: Apache-2.0
"""Rules of /servers/{id}/metadata, Nova's os_compute_api:server-metadata:*."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:server-metadata'
INDEX = PREFIX + ':index'
SHOW = PREFIX + ':show'
CREATE = PREFIX + ':create'
UPDATE_ALL = PREFIX + ':update_all'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'
_ALL = '/servers/{server_id}/metadata'
_ONE = '/servers/{server_id}/metadata/{key}'

rules = [
    base.operation(INDEX, base.PROJECT_READER_OR_ADMIN,
                   'List the metadata of a server.', ('GET', _ALL)),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show one metadata item of a server.', ('GET', _ONE)),
    base.operation(CREATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Add or change metadata items of a server.',
                   ('POST', _ALL)),
    base.operation(UPDATE_ALL, base.PROJECT_MEMBER_OR_ADMIN,
                   'Replace all metadata of a server.', ('PUT', _ALL)),
    base.operation(UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Set one metadata item of a server.', ('PUT', _ONE)),
    base.operation(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete one metadata item of a server.',
                   ('DELETE', _ONE)),
]


def list_rules():
    return rules
