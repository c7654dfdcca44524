# SPDX-License-Identifier: Apache-2.0
"""Policy rules of subnets."""

from nova_like.network.policies import base

CREATE = 'create_subnet'
GET = 'get_subnet'
UPDATE = 'update_subnet'
DELETE = 'delete_subnet'
COLLECTION = '/subnets'
RESOURCE = '/subnets/{id}'

rules = [
    base.operation(CREATE, base.NETWORK_OWNER, 'POST', COLLECTION,
                   'Create a subnet'),
    base.operation(GET, 'rule:admin_or_owner or rule:shared or '
                   'rule:external', 'GET', RESOURCE, 'Get a subnet'),
    base.operation(UPDATE, base.NETWORK_OWNER, 'PUT', RESOURCE,
                   'Update a subnet'),
    base.operation(DELETE, base.NETWORK_OWNER, 'DELETE', RESOURCE,
                   'Delete a subnet'),
]


def list_rules():
    return rules
