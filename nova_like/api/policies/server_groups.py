# SPDX-License-Identifier: Apache-2.0
"""Rules of os-server-groups (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-server-groups'
CREATE = PREFIX + ':create'
DELETE = PREFIX + ':delete'
INDEX = PREFIX + ':index'
INDEX_ALL_PROJECTS = INDEX + ':all_projects'
SHOW = PREFIX + ':show'

rules = [
    base.operation(CREATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Create a server group.', ('POST', '/os-server-groups')),
    base.operation(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete a server group.',
                   ('DELETE', '/os-server-groups/{server_group_id}')),
    base.operation(INDEX, base.PROJECT_READER_OR_ADMIN,
                   "List the project's server groups.",
                   ('GET', '/os-server-groups')),
    base.operation(INDEX_ALL_PROJECTS, base.ADMIN,
                   'List the server groups of every project.',
                   ('GET', '/os-server-groups')),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show a server group.',
                   ('GET', '/os-server-groups/{server_group_id}')),
]


def list_rules():
    return rules
