# SPDX-License-Identifier: Apache-2.0
"""Rules of a server's security groups (os_compute_api:os-security-groups).

GET /servers/{id}/os-security-groups and the addSecurityGroup and
removeSecurityGroup actions; the proxies /os-security-groups and
/os-security-group-rules (2.1 to 2.35).
"""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-security-groups'
LIST = PREFIX + ':list'
ADD = PREFIX + ':add'
REMOVE = PREFIX + ':remove'
GET = PREFIX + ':get'
SHOW = PREFIX + ':show'
CREATE = PREFIX + ':create'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'
RULE_CREATE = PREFIX + ':rule:create'
RULE_DELETE = PREFIX + ':rule:delete'
_ACTION = ('POST', '/servers/{server_id}/action')
_GROUP = '/os-security-groups/{security_group_id}'

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
    base.operation(GET, base.PROJECT_READER_OR_ADMIN,
                   'List security groups (2.1 to 2.35).',
                   ('GET', '/os-security-groups')),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show a security group (2.1 to 2.35).', ('GET', _GROUP)),
    base.operation(CREATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Create a security group (2.1 to 2.35).',
                   ('POST', '/os-security-groups')),
    base.operation(UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Update a security group (2.1 to 2.35).', ('PUT', _GROUP)),
    base.operation(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete a security group (2.1 to 2.35).',
                   ('DELETE', _GROUP)),
    base.operation(RULE_CREATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Create a security group rule (2.1 to 2.35).',
                   ('POST', '/os-security-group-rules')),
    base.operation(RULE_DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Delete a security group rule (2.1 to 2.35).',
                   ('DELETE', '/os-security-group-rules/{rule_id}')),
]


def list_rules():
    return rules
