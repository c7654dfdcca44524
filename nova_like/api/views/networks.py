# SPDX-License-Identifier: Apache-2.0
"""os-networks and os-tenant-networks bodies, from Networking networks.

os-networks has nova-network's fields, only id and label filled.
"""

_FIELDS = ('id', 'cidr', 'netmask', 'gateway', 'broadcast', 'dns1', 'dns2',
           'cidr_v6', 'gateway_v6', 'label', 'netmask_v6')
# Shown to admins only, as Nova does; empty since nova-network is gone.
_ADMIN_FIELDS = ('created_at', 'updated_at', 'deleted_at', 'deleted',
                 'injected', 'bridge', 'vlan', 'vpn_public_address',
                 'vpn_public_port', 'vpn_private_address', 'dhcp_start',
                 'project_id', 'host', 'bridge_interface', 'multi_host',
                 'priority', 'rxtx_base', 'mtu', 'dhcp_server',
                 'enable_dhcp', 'share_address')


def show(network, is_admin):
    """A Networking network dict in the os-networks shape."""
    fields = _FIELDS + (_ADMIN_FIELDS if is_admin else ())
    body = dict.fromkeys(fields)
    body.update(id=network['id'], label=network['name'])
    return body


def tenant_show(network):
    """A Networking network dict in the os-tenant-networks shape.

    Networking networks have no cidr (their subnets do): Nova shows the
    string "None" there, and so does this, for clients that compare.
    """
    return {'id': network['id'], 'cidr': str(network.get('cidr')),
            'label': network['name']}
