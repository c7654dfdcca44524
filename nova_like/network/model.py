# SPDX-License-Identifier: Apache-2.0
"""network_info: what a server's ports look like outside the network service.

The network service answers allocate_for_instance with a list of VIF
dicts (JSON-safe, so they cross RPC and are kept as the instance's
network_info column); compute hosts plug from them, the API shows
addresses from them and the config drive writes network_data.json from
them. One VIF::

    {'id': port_id, 'address': 'fa:16:3e:..:..:..',
     'devname': 'tap' + port_id[:11], 'type': 'bridge', 'active': True,
     'preserve_on_delete': False,     # the user made the port: unbind only
     'tag': None,                     # 2.32 device tag
     'network': {
         'id': net_id, 'label': name, 'tenant_id': project,
         'bridge': 'brq' + net_id[:11], 'mtu': 1450,
         'network_type': 'vxlan' | 'flat' | 'vlan',
         'segmentation_id': 17 | None, 'physical_network': None | 'public',
         'peers': ['192.0.2.7', ...],  # vxlan: other hosts on the network
         'subnets': [{
             'id': subnet_id, 'cidr': '10.0.0.0/26', 'version': 4,
             'gateway': '10.0.0.1' | None, 'dns': ['10.0.0.2', ...],
             'routes': [{'destination': cidr, 'nexthop': ip}, ...],
             'dhcp_server': '10.0.0.2' | None,
             'ips': [{'address': '10.0.0.5', 'type': 'fixed',
                      'version': 4}]}]},
     'security_groups': [{'id': ..., 'name': 'default', 'rules': [
         {'direction': 'ingress' | 'egress', 'ethertype': 'IPv4',
          'protocol': None | 'tcp' | 'udp' | 'icmp' | number,
          'port_range_min': None | int, 'port_range_max': None | int,
          'remote_group_id': None | group id,
          # None with a remote group: its members reach the host apart
          # (compute RPC refresh_security_group_members).
          'remote_ip_prefixes': ['0.0.0.0/0'] | None}]}]}

Interface names follow Neutron's Linux bridge agent, so that operators'
habits (and their 15-character limit) carry over.
"""

BRIDGE_PREFIX = 'brq'
TAP_PREFIX = 'tap'
VXLAN_PREFIX = 'vxlan-'
# Linux interface names are at most 15 characters (IFNAMSIZ - 1).
_ID_CHARS = 11


def bridge_name(network_id):
    """The Linux bridge of a network on every host: brq<11 id chars>."""
    return BRIDGE_PREFIX + network_id[:_ID_CHARS]


def tap_name(port_id):
    """The tap device of a port: tap<11 id chars>."""
    return TAP_PREFIX + port_id[:_ID_CHARS]


def vxlan_name(vni):
    """The VXLAN device of a network: vxlan-<VNI>."""
    return '%s%d' % (VXLAN_PREFIX, vni)


def fixed_ips(vif):
    """Every fixed IP of vif as (address, version)."""
    return [(ip['address'], ip['version'])
            for subnet in vif['network']['subnets'] for ip in subnet['ips']]


def addresses(network_info):
    """A server view's addresses: {network name: [address dicts]} in the
    order of the VIFs, as Nova shows them."""
    view = {}
    for vif in network_info or []:
        entries = view.setdefault(vif['network']['label'], [])
        for address, version in fixed_ips(vif):
            entries.append({'version': version, 'addr': address,
                            'OS-EXT-IPS:type': 'fixed',
                            'OS-EXT-IPS-MAC:mac_addr': vif['address']})
    return view


def in_order_of(known, fresh):
    """fresh network_info in the order of known (the instance's, whose
    order is its guest's NIC order: the network service returns ports by
    creation time, which MariaDB keeps to the second); ports known lacks
    come last, in fresh's order."""
    rank = {vif['id']: index for index, vif in enumerate(known or [])}
    return sorted(fresh, key=lambda vif: rank.get(vif['id'], len(rank)))
