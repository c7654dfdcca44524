# SPDX-License-Identifier: Apache-2.0
"""Policy rules of security groups."""

from nova_like.network.policies import base

CREATE = 'create_security_group'
GET = 'get_security_group'
UPDATE = 'update_security_group'
DELETE = 'delete_security_group'
COLLECTION = '/security-groups'
RESOURCE = '/security-groups/{id}'

rules = [
    base.operation(CREATE, base.ANYONE, 'POST', COLLECTION,
                   'Create a security group'),
    base.operation(GET, base.OWNER, 'GET', RESOURCE,
                   'Get a security group'),
    base.operation(UPDATE, base.OWNER, 'PUT', RESOURCE,
                   'Update a security group'),
    base.operation(DELETE, base.OWNER, 'DELETE', RESOURCE,
                   'Delete a security group'),
]


def list_rules():
    return rules
