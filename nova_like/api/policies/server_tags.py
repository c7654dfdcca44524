# SPDX-License-Identifier: Apache-2.0
"""Rules of /servers/{id}/tags (Nova's os_compute_api:os-server-tags:*)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-server-tags'
INDEX = PREFIX + ':index'
SHOW = PREFIX + ':show'
UPDATE_ALL = PREFIX + ':update_all'
UPDATE = PREFIX + ':update'
DELETE_ALL = PREFIX + ':delete_all'
DELETE = PREFIX + ':delete'
_ALL = '/servers/{server_id}/tags'
_ONE = '/servers/{server_id}/tags/{tag}'

rules = [
    base.operation(INDEX, base.PROJECT_READER_OR_ADMIN,
                   'List the tags of a server.', ('GET', _ALL)),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Check whether a server has a tag.', ('GET', _ONE)),
    base.operation(UPDATE_ALL, base.PROJECT_MEMBER_OR_ADMIN,
                   'Replace all tags of a server.', ('PUT', _ALL)),
    base.operation(UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Add one tag to a server.', ('PUT', _ONE)),
    base.operation(DELETE_ALL, base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete all tags of a server.', ('DELETE', _ALL)),
    base.operation(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete one tag of a server.', ('DELETE', _ONE)),
]


def list_rules():
    return rules
