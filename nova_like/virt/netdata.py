# SPDX-License-Identifier: Apache-2.0
"""network_data.json of the config drive, from an instance's network_info.

The layout is OpenStack's (links, networks, services), as Nova writes it:
one link per VIF, one network per subnet (numbered network0, network1...
across all VIFs), a DHCP subnet as ipv4_dhcp and any other as a static
ipv4 entry with its address, netmask, default and host routes and DNS
servers; services lists every DNS server once.
"""

import ipaddress

# VIF types shown as such; any other link type is 'phy', as in Nova.
EXPOSED_VIF_TYPES = ('bridge', 'ovs', 'tap', 'vhostuser', 'vif', 'dvs',
                     'hw_veb', 'hyperv')


def _link(vif, number):
    link_type = vif.get('type')
    return {
        'id': vif.get('devname') or 'interface%d' % number,
        'vif_id': vif['id'],
        'type': link_type if link_type in EXPOSED_VIF_TYPES else 'phy',
        'mtu': vif['network'].get('mtu'),
        'ethernet_mac_address': vif.get('address'),
    }


def _dns(subnet):
    return [{'type': 'dns', 'address': address}
            for address in subnet.get('dns') or []]


def _network(vif, subnet, number, link_id):
    version = subnet.get('version', 4)
    entry = {'id': 'network%d' % number, 'link': link_id,
             'network_id': vif['network']['id']}
    if subnet.get('dhcp_server'):
        entry['type'] = 'ipv%d_dhcp' % version
        return entry
    cidr = ipaddress.ip_network(subnet['cidr'], strict=False)
    any_address = '0.0.0.0' if version == 4 else '::'
    routes = []
    if subnet.get('gateway'):
        routes.append({'network': any_address, 'netmask': any_address,
                       'gateway': subnet['gateway']})
    for route in subnet.get('routes') or []:
        destination = ipaddress.ip_network(route['destination'],
                                           strict=False)
        routes.append({'network': str(destination.network_address),
                       'netmask': str(destination.netmask),
                       'gateway': route['nexthop']})
    entry.update({'type': 'ipv%d' % version,
                  'ip_address': subnet['ips'][0]['address'],
                  'netmask': str(cidr.netmask), 'routes': routes,
                  'services': _dns(subnet)})
    return entry


def network_data(network_info):
    """The network_data.json document of network_info (network/model.py)."""
    links, networks, services = [], [], []
    link_number = net_number = -1
    for vif in network_info or []:
        subnets = [s for s in (vif.get('network') or {}).get('subnets') or []
                   if s.get('ips')]
        if not subnets:
            continue
        link_number += 1
        link = _link(vif, link_number)
        links.append(link)
        for subnet in subnets:
            net_number += 1
            networks.append(_network(vif, subnet, net_number, link['id']))
            services.extend(dns for dns in _dns(subnet)
                            if dns not in services)
    return {'links': links, 'networks': networks, 'services': services}
