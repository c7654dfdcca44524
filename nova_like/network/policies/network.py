# SPDX-License-Identifier: Apache-2.0
"""Policy rules of networks."""

from nova_like.network.policies import base

CREATE = 'create_network'
GET = 'get_network'
UPDATE = 'update_network'
DELETE = 'delete_network'
PROVIDER = ('provider:network_type', 'provider:physical_network',
            'provider:segmentation_id')
COLLECTION = '/networks'
RESOURCE = '/networks/{id}'

rules = [
    base.operation(CREATE, base.ANYONE, 'POST', COLLECTION,
                   'Create a network'),
    base.attribute(CREATE, 'shared', base.ADMIN, 'POST', COLLECTION),
    base.attribute(CREATE, 'router:external', base.ADMIN, 'POST',
                   COLLECTION),
    base.operation(GET, 'rule:admin_or_owner or rule:shared or '
                   'rule:external', 'GET', RESOURCE, 'Get a network'),
    base.attribute(GET, 'router:external', base.ANYONE, 'GET', RESOURCE),
    base.operation(UPDATE, base.OWNER, 'PUT', RESOURCE, 'Update a network'),
    base.attribute(UPDATE, 'shared', base.ADMIN, 'PUT', RESOURCE),
    base.attribute(UPDATE, 'router:external', base.ADMIN, 'PUT', RESOURCE),
    base.operation(DELETE, base.OWNER, 'DELETE', RESOURCE,
                   'Delete a network'),
] + [base.attribute(action, attr, base.ADMIN, method, path)
     for attr in PROVIDER
     for action, method, path in ((CREATE, 'POST', COLLECTION),
                                  (GET, 'GET', RESOURCE),
                                  (UPDATE, 'PUT', RESOURCE))]


def list_rules():
    return rules
