# SPDX-License-Identifier: Apache-2.0
"""Policy rules of security group rules."""

from nova_like.network.policies import base

CREATE = 'create_security_group_rule'
GET = 'get_security_group_rule'
DELETE = 'delete_security_group_rule'
COLLECTION = '/security-group-rules'
RESOURCE = '/security-group-rules/{id}'

rules = [
    base.operation(CREATE, base.OWNER, 'POST', COLLECTION,
                   'Create a security group rule'),
    base.operation(GET, base.OWNER, 'GET', RESOURCE,
                   'Get a security group rule'),
    base.operation(DELETE, base.OWNER, 'DELETE', RESOURCE,
                   'Delete a security group rule'),
]


def list_rules():
    return rules
