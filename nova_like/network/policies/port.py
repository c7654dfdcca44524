# SPDX-License-Identifier: Apache-2.0
"""Policy rules of ports: binding attributes are the admin's."""

from nova_like.network.policies import base

CREATE = 'create_port'
GET = 'get_port'
UPDATE = 'update_port'
DELETE = 'delete_port'
COLLECTION = '/ports'
RESOURCE = '/ports/{id}'
OWNER_OR_NETWORK_OWNER = ('rule:context_is_admin or '
                          'project_id:%(project_id)s or '
                          'project_id:%(network:project_id)s')
# Ports of the network service itself (network:dhcp...) are the admin's.
DEVICE_OWNER = 'not rule:network_device or rule:context_is_admin'
BINDING = ('binding:host_id', 'binding:vif_type', 'binding:vif_details',
           'binding:profile')

rules = [
    base.operation(CREATE, base.ANYONE, 'POST', COLLECTION,
                   'Create a port'),
    base.attribute(CREATE, 'device_owner', DEVICE_OWNER, 'POST',
                   COLLECTION),
    base.attribute(CREATE, 'mac_address', base.NETWORK_OWNER, 'POST',
                   COLLECTION),
    base.attribute(CREATE, 'fixed_ips', 'rule:admin_or_network_owner or '
                   'rule:shared', 'POST', COLLECTION),
    base.attribute(CREATE, 'port_security_enabled', base.NETWORK_OWNER,
                   'POST', COLLECTION),
    base.attribute(CREATE, 'binding:host_id', base.ADMIN, 'POST',
                   COLLECTION),
    base.attribute(CREATE, 'binding:profile', base.ADMIN, 'POST',
                   COLLECTION),
    base.operation(GET, OWNER_OR_NETWORK_OWNER, 'GET', RESOURCE,
                   'Get a port'),
    base.operation(UPDATE, OWNER_OR_NETWORK_OWNER, 'PUT', RESOURCE,
                   'Update a port'),
    base.attribute(UPDATE, 'device_owner', DEVICE_OWNER, 'PUT', RESOURCE),
    base.attribute(UPDATE, 'mac_address', base.ADMIN, 'PUT', RESOURCE),
    base.attribute(UPDATE, 'binding:host_id', base.ADMIN, 'PUT', RESOURCE),
    base.attribute(UPDATE, 'binding:profile', base.ADMIN, 'PUT', RESOURCE),
    base.operation(DELETE, OWNER_OR_NETWORK_OWNER, 'DELETE', RESOURCE,
                   'Delete a port'),
] + [base.attribute(GET, attr, base.ADMIN, 'GET', RESOURCE)
     for attr in BINDING]


def list_rules():
    return rules
