# SPDX-License-Identifier: Apache-2.0
"""network_data.json from network_info: Nova's documented example and more."""

from nova_like.virt import netdata

PORT = 'cd9f6d46-4a3a-43ab-a466-994af9db96fc'
NET = '99e88329-f20d-4741-9593-25bf07847b16'


def _vif(port_id=PORT, dhcp_server='10.0.0.2', mtu=None, **subnet):
    subnet = dict({'id': 'subnet-1', 'cidr': '10.0.0.0/24', 'version': 4,
                   'gateway': '10.0.0.1', 'dns': ['8.8.8.8'], 'routes': [],
                   'dhcp_server': dhcp_server,
                   'ips': [{'address': '10.0.0.5', 'type': 'fixed',
                            'version': 4}]}, **subnet)
    return {'id': port_id, 'address': 'fa:16:3e:9c:bf:3d',
            'devname': 'tap' + port_id[:11], 'type': 'bridge',
            'active': True,
            'network': {'id': NET, 'label': 'private', 'mtu': mtu,
                        'subnets': [subnet]}}


def test_a_dhcp_subnet_gives_nova_documented_example():
    # The example of Nova's metadata documentation (one port, DHCP).
    assert netdata.network_data([_vif()]) == {
        'links': [{'ethernet_mac_address': 'fa:16:3e:9c:bf:3d',
                   'id': 'tapcd9f6d46-4a', 'mtu': None, 'type': 'bridge',
                   'vif_id': PORT}],
        'networks': [{'id': 'network0', 'link': 'tapcd9f6d46-4a',
                      'network_id': NET, 'type': 'ipv4_dhcp'}],
        'services': [{'address': '8.8.8.8', 'type': 'dns'}]}


def test_a_static_subnet_has_address_netmask_routes_and_dns():
    vif = _vif(dhcp_server=None, mtu=1450, routes=[
        {'destination': '192.168.0.0/16', 'nexthop': '10.0.0.254'}])
    [network] = netdata.network_data([vif])['networks']
    assert network == {
        'id': 'network0', 'type': 'ipv4', 'link': 'tapcd9f6d46-4a',
        'ip_address': '10.0.0.5', 'netmask': '255.255.255.0',
        'routes': [{'network': '0.0.0.0', 'netmask': '0.0.0.0',
                    'gateway': '10.0.0.1'},
                   {'network': '192.168.0.0', 'netmask': '255.255.0.0',
                    'gateway': '10.0.0.254'}],
        'network_id': NET,
        'services': [{'type': 'dns', 'address': '8.8.8.8'}]}
    assert netdata.network_data([vif])['links'][0]['mtu'] == 1450


def test_no_gateway_means_no_default_route():
    vif = _vif(dhcp_server=None, gateway=None)
    assert netdata.network_data([vif])['networks'][0]['routes'] == []


def test_networks_are_numbered_across_ports_and_dns_listed_once():
    second = _vif(port_id='0b8fd8c6-9f4a-4a43-9b7b-6d4f3a2c1e00')
    document = netdata.network_data([_vif(), second])
    assert [n['id'] for n in document['networks']] == ['network0',
                                                      'network1']
    assert [n['link'] for n in document['networks']] == [
        'tapcd9f6d46-4a', 'tap0b8fd8c6-9f']
    assert document['services'] == [{'type': 'dns', 'address': '8.8.8.8'}]


def test_ports_without_addresses_and_no_ports_give_empty_lists():
    bare = _vif(ips=[])
    assert netdata.network_data([bare]) == {
        'links': [], 'networks': [], 'services': []}
    assert netdata.network_data(None) == {
        'links': [], 'networks': [], 'services': []}


def test_an_unknown_vif_type_is_a_phy_link_named_by_its_number():
    vif = dict(_vif(), type='macvtap', devname=None)
    [link] = netdata.network_data([vif])['links']
    assert (link['type'], link['id']) == ('phy', 'interface0')
