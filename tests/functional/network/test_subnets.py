# SPDX-License-Identifier: Apache-2.0
"""/v2.0/subnets: defaults, IPv6 refused, pools, the DHCP port."""

import pytest

USER = 'alice:p1'


@pytest.fixture
def net(client):
    return client.as_(USER).create('network', name='private')


def test_subnet_defaults_gateway_pools_and_dhcp(client, net):
    subnet = client.as_(USER).create('subnet', network_id=net['id'],
                                      cidr='10.0.0.0/26', ip_version=4)
    assert subnet['gateway_ip'] == '10.0.0.1'
    assert subnet['allocation_pools'] == [{'start': '10.0.0.2',
                                           'end': '10.0.0.62'}]
    assert subnet['enable_dhcp'] is True
    assert subnet['dns_nameservers'] == [] and subnet['host_routes'] == []
    shown = client.as_(USER).get('/v2.0/networks/%s' % net['id']).json()
    assert shown['network']['subnets'] == [subnet['id']]


def test_dhcp_subnet_gets_a_dhcp_port_with_the_first_address(client, net,
                                                              dhcp):
    subnet = client.create('subnet', network_id=net['id'],
                           cidr='10.0.0.0/24')
    ports = client.get('/v2.0/ports?device_owner=network:dhcp&network_id=%s'
                       % net['id']).json()['ports']
    assert len(ports) == 1
    assert ports[0]['fixed_ips'] == [{'subnet_id': subnet['id'],
                                      'ip_address': '10.0.0.2'}]
    synced = dhcp.last_sync(net['id'])
    assert synced['subnets'][0]['dhcp_server'] == '10.0.0.2'
    assert synced['hosts'] == []


def test_ipv6_is_400_naming_ip_version(client, net):
    resp = client.post('/v2.0/subnets', {'subnet': {
        'network_id': net['id'], 'cidr': 'fd00::/64', 'ip_version': 6}})
    assert resp.status_code == 400
    assert 'ip_version' in resp.json()['NeutronError']['message']


def test_null_gateway_and_explicit_pools_dns_routes(client, net):
    subnet = client.create('subnet', network_id=net['id'],
                           cidr='10.1.0.0/24', gateway_ip=None,
                           enable_dhcp=False,
                           allocation_pools=[{'start': '10.1.0.10',
                                              'end': '10.1.0.20'}],
                           dns_nameservers=['192.0.2.53'],
                           host_routes=[{'destination': '10.2.0.0/16',
                                         'nexthop': '10.1.0.254'}])
    assert subnet['gateway_ip'] is None
    assert subnet['allocation_pools'] == [{'start': '10.1.0.10',
                                           'end': '10.1.0.20'}]
    assert subnet['dns_nameservers'] == ['192.0.2.53']
    assert subnet['host_routes'][0]['nexthop'] == '10.1.0.254'


@pytest.mark.parametrize('body,field', [
    ({'cidr': 'not-a-cidr'}, 'cidr'),
    ({'cidr': '10.0.0.0/24', 'gateway_ip': '10.9.9.9'}, 'gateway_ip'),
    ({'cidr': '10.0.0.0/24',
      'allocation_pools': [{'start': '10.0.0.1', 'end': '10.0.0.9'}]},
     'allocation_pools'),
    ({'cidr': '10.0.0.0/24', 'dns_nameservers': ['x']}, 'dns_nameservers'),
])
def test_bad_input_is_400_naming_the_field(client, net, body, field):
    body['network_id'] = net['id']
    resp = client.post('/v2.0/subnets', {'subnet': body})
    assert resp.status_code == 400, resp.text
    assert field in resp.json()['NeutronError']['message']


def test_overlapping_cidr_on_one_network_is_400(client, net):
    client.create('subnet', network_id=net['id'], cidr='10.0.0.0/24')
    resp = client.post('/v2.0/subnets', {'subnet': {
        'network_id': net['id'], 'cidr': '10.0.0.128/25'}})
    assert resp.status_code == 400


def test_member_may_not_add_a_subnet_to_someone_elses_shared_network(
        client):
    shared = client.create('network', shared=True)
    resp = client.as_(USER).post('/v2.0/subnets', {'subnet': {
        'network_id': shared['id'], 'cidr': '10.0.0.0/24'}})
    assert resp.status_code == 403


def test_subnet_in_use_is_409_and_delete_frees_the_dhcp_port(client, net,
                                                            dhcp):
    subnet = client.create('subnet', network_id=net['id'],
                           cidr='10.0.0.0/24')
    port = client.create('port', network_id=net['id'])
    resp = client.delete('/v2.0/subnets/%s' % subnet['id'])
    assert resp.status_code == 409
    assert resp.json()['NeutronError']['type'] == 'SubnetInUse'
    client.delete('/v2.0/ports/%s' % port['id'])
    assert client.delete('/v2.0/subnets/%s' % subnet['id']).status_code \
        == 204
    assert client.get('/v2.0/ports').json()['ports'] == []
    assert dhcp.calls[-1] == ('disable', net['id'])
