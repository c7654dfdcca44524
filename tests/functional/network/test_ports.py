# SPDX-License-Identifier: Apache-2.0
"""/v2.0/ports: MAC, fixed IPs, binding, status, conflicts."""

import re

import pytest

USER = 'alice:p1'


@pytest.fixture
def net(client):
    net = client.as_(USER).create('network', name='private')
    net['subnet'] = client.as_(USER).create(
        'subnet', network_id=net['id'], cidr='10.0.0.0/28',
        enable_dhcp=False)
    return net


def test_port_shape_mac_and_address(client, net):
    port = client.as_(USER).create('port', network_id=net['id'], name='p')
    assert re.match(r'^fa:16:3e(:[0-9a-f]{2}){3}$', port['mac_address'])
    [ip] = port['fixed_ips']
    assert ip['subnet_id'] == net['subnet']['id']
    assert ip['ip_address'].startswith('10.0.0.')
    assert port['status'] == 'DOWN'
    assert port['device_owner'] == '' and port['device_id'] == ''
    assert port['port_security_enabled'] is True
    assert 'binding:host_id' not in port  # admin only
    admin = client.get('/v2.0/ports/%s' % port['id']).json()['port']
    assert admin['binding:vif_type'] == 'unbound'


def test_bound_port_is_active_with_bridge_vif(client, net):
    port = client.create('port', network_id=net['id'],
                         **{'binding:host_id': 'cmp1'})
    assert port['status'] == 'ACTIVE'
    assert port['binding:vif_type'] == 'bridge'


def test_member_may_not_bind_a_port_403(client, net):
    resp = client.as_(USER).post('/v2.0/ports', {'port': {
        'network_id': net['id'], 'binding:host_id': 'cmp1'}})
    assert resp.status_code == 403


def test_fixed_ip_taken_is_409_and_freed_on_delete(client, net):
    first = client.create('port', network_id=net['id'],
                          fixed_ips=[{'ip_address': '10.0.0.5'}])
    resp = client.post('/v2.0/ports', {'port': {
        'network_id': net['id'], 'fixed_ips': [{'ip_address': '10.0.0.5'}]}})
    assert resp.status_code == 409
    assert resp.json()['NeutronError']['type'] == \
        'IpAddressAlreadyAllocated'
    client.delete('/v2.0/ports/%s' % first['id'])
    again = client.create('port', network_id=net['id'],
                          fixed_ips=[{'ip_address': '10.0.0.5'}])
    assert again['fixed_ips'][0]['ip_address'] == '10.0.0.5'


def test_full_subnet_is_409_naming_the_subnet(client, net):
    for _ in range(13):  # /28: .2-.14 after the gateway
        client.create('port', network_id=net['id'])
    resp = client.post('/v2.0/ports', {'port': {'network_id': net['id']}})
    assert resp.status_code == 409
    error = resp.json()['NeutronError']
    assert error['type'] == 'IpAddressGenerationFailure'
    assert net['subnet']['id'] in error['message']


def test_mac_taken_is_409_mac_address_in_use(client, net):
    client.create('port', network_id=net['id'],
                  mac_address='fa:16:3e:00:00:01')
    resp = client.post('/v2.0/ports', {'port': {
        'network_id': net['id'], 'mac_address': 'fa:16:3e:00:00:01'}})
    assert resp.status_code == 409
    assert resp.json()['NeutronError']['type'] == 'MacAddressInUse'


def test_network_in_use_409_but_dhcp_port_does_not_count(client):
    net = client.create('network')
    client.create('subnet', network_id=net['id'], cidr='10.0.0.0/24')
    port = client.create('port', network_id=net['id'])
    resp = client.delete('/v2.0/networks/%s' % net['id'])
    assert resp.status_code == 409
    assert resp.json()['NeutronError']['type'] == 'NetworkInUse'
    client.delete('/v2.0/ports/%s' % port['id'])
    assert client.delete('/v2.0/networks/%s' % net['id']).status_code == 204
    assert client.get('/v2.0/ports').json()['ports'] == []


def test_port_of_other_project_is_404(client, net):
    port = client.as_(USER).create('port', network_id=net['id'])
    assert client.as_('bob:p2').get('/v2.0/ports/%s' % port['id']
                                    ).status_code == 404


def test_port_filter_by_device_id_and_fixed_ip(client, net):
    port = client.create('port', network_id=net['id'], device_id='vm1',
                         fixed_ips=[{'ip_address': '10.0.0.9'}])
    client.create('port', network_id=net['id'], device_id='vm2')
    found = client.get('/v2.0/ports?device_id=vm1').json()['ports']
    assert [p['id'] for p in found] == [port['id']]
    found = client.get('/v2.0/ports?fixed_ips=ip_address%3D10.0.0.9'
                       ).json()['ports']
    assert [p['id'] for p in found] == [port['id']]


def test_dhcp_sync_lists_the_port_as_a_host(client, dhcp):
    net = client.create('network')
    client.create('subnet', network_id=net['id'], cidr='10.0.0.0/24')
    port = client.create('port', network_id=net['id'])
    hosts = dhcp.last_sync(net['id'])['hosts']
    assert hosts == [{'mac': port['mac_address'],
                      'ip': port['fixed_ips'][0]['ip_address'],
                      'hostname': 'host-%s' % port['fixed_ips'][0][
                          'ip_address'].replace('.', '-')}]


def test_member_may_not_make_a_network_device_port(client, net):
    resp = client.as_(USER).post('/v2.0/ports', {'port': {
        'network_id': net['id'], 'device_owner': 'network:dhcp'}})
    assert resp.status_code == 403
    port = client.as_(USER).create('port', network_id=net['id'],
                                   device_owner='compute:nova')
    assert port['device_owner'] == 'compute:nova'
