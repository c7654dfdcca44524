# SPDX-License-Identifier: Apache-2.0
"""Rules of a server's security groups (os_compute_api:os-security-groups).

GET /servers/{id}/os-security-groups and the addSecurityGroup and
removeSecurityGroup actions.
"""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-security-groups'
LIST = PREFIX + ':list'
ADD = PREFIX + ':add'
REMOVE = PREFIX + ':remove'
_ACTION = ('POST', '/servers/{server_id}/action')

rules = [
    base.operation(LIST, base.PROJECT_READER_OR_ADMIN,
                   'List the security groups of a server.',
                   ('GET', '/servers/{server_id}/os-security-groups')),
    base.operation(ADD, base.PROJECT_MEMBER_OR_ADMIN,
                   'Add a security group to a server (addSecurityGroup).',
                   _ACTION),
    base.operation(REMOVE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Remove a security group from a server '
                   '(removeSecurityGroup).', _ACTION),
]


def list_rules():
    return rules
