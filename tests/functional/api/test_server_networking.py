# SPDX-License-Identifier: Apache-2.0
"""Servers and their networks through the API and the network stand-in.

Boot with each networks form (refusals before anything is written),
addresses in server views, /ips, os-interface and security groups.
"""

import pytest

from nova_like import conf
from tests import factories
from tests.functional.api import conftest

CONF = conf.CONF
UNKNOWN = '6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'
NOTHING_WRITTEN = {'build_requests': 0, 'request_specs': 0,
                   'instance_mappings': 0}


@pytest.fixture
def net(cloud):
    """alice's network 'private' (10.0.0.0/24) and bob's 'bobnet'."""
    cloud.private = cloud.network.create_network('private', 'proj-a')
    cloud.bobnet = cloud.network.create_network('bobnet', 'proj-b',
                                                cidr='10.9.0.0/24')
    return cloud


def _boot(cloud, networks, client=None, **extra):
    response = cloud.boot(client or cloud.alice, networks=networks, **extra)
    return response.json_body_or_none['server']['id']


def _refused(cloud, status, message, version=None, **server):
    body = factories.server_body('bad', **server)
    response = cloud.alice.post('/v2.1/servers', body, version=version)
    assert response.status_int == status, response.body
    assert list(response.json_body_or_none.values())[0]['message'] == \
        message
    assert conftest.api_rows(cloud.ctx) == NOTHING_WRITTEN
    assert cloud.conductor.casts == []


def _server(cloud, uuid, version=None):
    return cloud.alice.get('/v2.1/servers/%s' % uuid,
                           version=version).json_body_or_none['server']


# Boot

def test_boot_on_a_network_shows_its_address_as_nova(net):
    uuid = _boot(net, [{'uuid': net.private}])
    spec = net.conductor.casts[0]['request_specs'][0]
    assert spec.requested_networks == [{'network_id': net.private,
                                        'port_id': None, 'fixed_ip': None,
                                        'tag': None}]
    server = _server(net, uuid)
    [port] = net.network.ports.values()
    assert server['addresses'] == {'private': [{
        'version': 4, 'addr': '10.0.0.3', 'OS-EXT-IPS:type': 'fixed',
        'OS-EXT-IPS-MAC:mac_addr': port['mac']}]}
    assert server['security_groups'] == [{'name': 'default'}]
    assert _server(net, uuid, '2.1')['addresses'] == server['addresses']
    detail = net.alice.get('/v2.1/servers/detail').json_body_or_none
    assert detail['servers'][0]['addresses'] == server['addresses']


def test_boot_with_fixed_ip_port_and_tags_reaches_the_request_spec(net):
    port = net.network.create_port(net.private, 'proj-a')
    uuid = _boot(net, [{'uuid': net.private, 'fixed_ip': '10.0.0.77',
                        'tag': 'eth0'}, {'port': port, 'tag': 'eth1'}],
                 security_groups=[{'name': 'default'}])
    spec = net.conductor.casts[0]['request_specs'][0]
    assert spec.requested_networks == [
        {'network_id': net.private, 'port_id': None,
         'fixed_ip': '10.0.0.77', 'tag': 'eth0'},
        {'network_id': None, 'port_id': port, 'fixed_ip': None,
         'tag': 'eth1'}]
    assert spec.security_groups == ['default']
    addresses = _server(net, uuid)['addresses']['private']
    assert [a['addr'] for a in addresses] == ['10.0.0.77', '10.0.0.3']


def test_boot_auto_gets_the_project_network_and_none_gets_nothing(net):
    auto = _boot(net, 'auto')
    none = _boot(net, 'none')
    assert list(_server(net, auto)['addresses']) == [
        'auto_allocated_network']
    assert _server(net, none)['addresses'] == {}
    assert [c[0] for c in net.network.calls].count('validate_networks') == 1


def test_boot_without_networks_before_2_37_uses_the_only_network(net):
    response = factories.boot(net.alice, 'old', version='2.1',
                              networks=None)
    net.conductor.wait()
    uuid = response.json_body_or_none['server']['id']
    assert list(_server(net, uuid)['addresses']) == ['private']


def test_unknown_and_other_projects_networks_are_400(net):
    _refused(net, 400, 'Network %s could not be found.' % UNKNOWN,
             networks=[{'uuid': UNKNOWN}])
    _refused(net, 400, 'Network %s could not be found.' % net.bobnet,
             networks=[{'uuid': net.bobnet}])


def test_unknown_port_is_400_and_a_port_in_use_409(net):
    _refused(net, 400, 'Port %s could not be found.' % UNKNOWN,
             networks=[{'port': UNKNOWN}])
    used = net.network.create_port(net.private, 'proj-a', device_id='vm-x')
    _refused(net, 409, 'Unable to complete operation on port %s for '
             'network %s. Port already has an attached device vm-x.'
             % (used, net.private), networks=[{'port': used}])


def test_a_fixed_ip_in_use_is_400(net):
    _boot(net, [{'uuid': net.private, 'fixed_ip': '10.0.0.50'}])
    net.conductor.casts.clear()
    before = conftest.api_rows(net.ctx)
    body = factories.server_body('bad', networks=[
        {'uuid': net.private, 'fixed_ip': '10.0.0.50'}])
    response = net.alice.post('/v2.1/servers', body)
    assert response.status_int == 400
    assert '10.0.0.50 already allocated' in response.body.decode()
    assert conftest.api_rows(net.ctx) == before


def test_unknown_security_group_is_400(net):
    _refused(net, 400, 'Security group nope does not exist',
             networks=[{'uuid': net.private}],
             security_groups=[{'name': 'nope'}])


def test_two_networks_and_none_asked_for_is_409_ambiguous(net):
    net.network.create_network('second', 'proj-a', cidr='10.1.0.0/24')
    _refused(net, 409, 'Multiple possible networks found, use a Network ID '
             'to be more specific.', version='2.1', networks=None)


def test_port_quota_that_fits_no_server_is_403(net):
    net.network.port_quota['proj-a'] = 0
    _refused(net, 403, 'Maximum number of ports exceeded',
             networks=[{'uuid': net.private}])


def test_port_quota_boots_fewer_servers_as_nova(net):
    net.network.port_quota['proj-a'] = 2
    response = net.boot(net.alice, 'few', networks=[{'uuid': net.private}],
                        min_count=1, max_count=3)
    assert response.status_int == 202
    assert net.conductor.casts[0]['request_specs'][0].num_instances == 2


def test_a_silent_network_service_is_503_naming_it(net):
    net.network.stop()
    CONF.set_override('rpc_response_timeout', 1)
    try:
        _refused(net, 503, 'The network service (nova-like-network) did not '
                 'answer: No reply on topic network',
                 networks=[{'uuid': net.private}])
    finally:
        CONF.clear_override('rpc_response_timeout')


@pytest.mark.parametrize('version, status', [
    ('2.31', 400), ('2.32', 202), ('2.33', 400), ('2.41', 400),
    ('2.42', 202)])
def test_network_tags_only_where_nova_takes_them(net, version, status):
    networks = [{'uuid': net.private, 'tag': 'nic1'}]
    response = factories.boot(net.alice, 'tagged', expect=status,
                              version=version, networks=networks)
    if status == 202:
        net.conductor.wait()
    else:
        assert "'tag' was unexpected" in response.body.decode()


# /ips

def test_ips_index_and_show_by_network_label(net):
    uuid = _boot(net, [{'uuid': net.private}])
    path = '/v2.1/servers/%s/ips' % uuid
    assert net.alice.get(path).json_body_or_none == {'addresses': {
        'private': [{'version': 4, 'addr': '10.0.0.3'}]}}
    assert net.alice.get(path + '/private').json_body_or_none == {
        'private': [{'version': 4, 'addr': '10.0.0.3'}]}
    missing = net.alice.get(path + '/public')
    assert missing.status_int == 404
    assert missing.json_body_or_none['itemNotFound']['message'] == \
        'Instance is not a member of specified network'
    assert net.bob.get(path).status_int == 404


# os-interface

def test_interfaces_list_show_attach_and_detach(net):
    uuid = _boot(net, [{'uuid': net.private}])
    path = '/v2.1/servers/%s/os-interface' % uuid
    [first] = net.alice.get(path).json_body_or_none['interfaceAttachments']
    [port] = net.network.ports.values()
    assert first == {'net_id': net.private, 'port_id': port['id'],
                     'mac_addr': port['mac'], 'port_state': 'ACTIVE',
                     'fixed_ips': [{'subnet_id': net.network.networks[
                         net.private]['subnet_id'],
                         'ip_address': '10.0.0.3'}], 'tag': None}
    shown = net.alice.get('%s/%s' % (path, port['id'])).json_body_or_none
    assert shown == {'interfaceAttachment': first}
    other = net.alice.get('%s/%s' % (path, UNKNOWN))
    assert other.status_int == 404
    assert other.json_body_or_none['itemNotFound']['message'] == (
        'Instance %s does not have a port with id %s' % (uuid, UNKNOWN))

    attached = net.alice.post(path, {'interfaceAttachment': {
        'net_id': net.private, 'fixed_ips': [{'ip_address': '10.0.0.99'}],
        'tag': 'hot'}})
    assert attached.status_int == 200, attached.body
    vif = attached.json_body_or_none['interfaceAttachment']
    assert (vif['fixed_ips'][0]['ip_address'], vif['tag']) == (
        '10.0.0.99', 'hot')
    assert len(net.alice.get(path).json_body_or_none[
        'interfaceAttachments']) == 2
    assert [a['addr'] for a in _server(net, uuid)['addresses'][
        'private']] == ['10.0.0.3', '10.0.0.99']
    actions = net.alice.get('/v2.1/servers/%s/os-instance-actions'
                            % uuid).json_body_or_none['instanceActions']
    assert 'attach_interface' in [a['action'] for a in actions]

    detached = net.alice.delete('%s/%s' % (path, vif['port_id']))
    assert detached.status_int == 202
    assert [a['port_id'] for a in net.alice.get(path).json_body_or_none[
        'interfaceAttachments']] == [port['id']]
    assert net.alice.delete('%s/%s' % (path, vif['port_id'])).status_int \
        == 404


def test_attach_a_port_and_the_errors_nova_gives(net):
    uuid = _boot(net, 'none')
    path = '/v2.1/servers/%s/os-interface' % uuid
    port = net.network.create_port(net.private, 'proj-a')
    response = net.alice.post(path, {'interfaceAttachment': {
        'port_id': port}})
    assert response.status_int == 200
    assert response.json_body_or_none['interfaceAttachment']['port_id'] == \
        port
    both = net.alice.post(path, {'interfaceAttachment': {
        'port_id': port, 'net_id': net.private}})
    assert both.status_int == 400
    assert 'Must not input both network_id and port_id' in \
        both.body.decode()
    in_use = net.alice.post(path, {'interfaceAttachment': {'port_id': port}})
    assert in_use.status_int == 409
    unknown = net.alice.post(path, {'interfaceAttachment': {
        'net_id': UNKNOWN}})
    assert unknown.status_int == 404
    assert unknown.json_body_or_none['itemNotFound']['message'] == \
        'Network %s could not be found.' % UNKNOWN
    tag_too_early = net.alice.post(path, {'interfaceAttachment': {
        'net_id': net.private, 'tag': 'x'}}, version='2.48')
    assert tag_too_early.status_int == 400


def test_attach_to_a_server_still_building_is_409(net):
    net.conductor.mode = 'hold'
    uuid = _boot(net, 'none')
    response = net.alice.post('/v2.1/servers/%s/os-interface' % uuid,
                              {'interfaceAttachment': {
                                  'net_id': net.private}})
    assert response.status_int == 409
    expected = ("Cannot 'attach_interface' instance %s while it is in "
                'vm_state building' % uuid)
    assert expected in response.body.decode()
    assert net.network.ports == {}


def test_bob_cannot_touch_alices_interfaces(net):
    uuid = _boot(net, [{'uuid': net.private}])
    path = '/v2.1/servers/%s/os-interface' % uuid
    assert net.bob.get(path).status_int == 404
    assert net.bob.post(path, {'interfaceAttachment': {}}).status_int == 404


# Security groups

def test_server_security_groups_listed_added_and_removed(net):
    net.network.seed_security_group('web', 'proj-a', rules=[
        {'direction': 'ingress', 'protocol': 'tcp', 'port_range_min': 80,
         'port_range_max': 80, 'remote_ip_prefix': '0.0.0.0/0'}])
    net.network.seed_security_group('db', 'proj-a')
    response = net.boot(net.alice, 'sg', networks=[{'uuid': net.private}],
                        security_groups=[{'name': 'web'}])
    assert response.json_body_or_none['server']['security_groups'] == [
        {'name': 'web'}]
    uuid = response.json_body_or_none['server']['id']
    path = '/v2.1/servers/%s/os-security-groups' % uuid
    [web] = net.alice.get(path).json_body_or_none['security_groups']
    assert (web['name'], web['tenant_id']) == ('web', 'proj-a')
    assert web['rules'][0]['ip_range'] == {'cidr': '0.0.0.0/0'}
    action = '/v2.1/servers/%s/action' % uuid
    assert net.alice.post(action, {'addSecurityGroup': {
        'name': 'db'}}).status_int == 202
    assert [g['name'] for g in net.alice.get(path).json_body_or_none[
        'security_groups']] == ['web', 'db']
    # The server's network_info follows, so its views show both.
    assert sorted(g['name'] for g in _server(net, uuid)[
        'security_groups']) == ['db', 'web']
    assert net.alice.post(action, {'removeSecurityGroup': {
        'name': 'web'}}).status_int == 202
    assert [g['name'] for g in net.alice.get(path).json_body_or_none[
        'security_groups']] == ['db']
    gone = net.alice.post(action, {'removeSecurityGroup': {'name': 'web'}})
    assert gone.status_int == 404
    unknown = net.alice.post(action, {'addSecurityGroup': {'name': 'nope'}})
    assert unknown.status_int == 404
    assert unknown.json_body_or_none['itemNotFound']['message'] == \
        'Security group nope does not exist'


@pytest.mark.parametrize('version, full', [('2.1', False), ('2.74', False),
                                           ('2.75', True)])
def test_update_answers_security_groups_and_macs_from_2_75(net, version,
                                                            full):
    # Nova's PUT /servers/{id} before 2.75 leaves out security_groups and
    # the addresses' MAC and type (Tempest's update schema checks it).
    uuid = _boot(net, [{'uuid': net.private}])
    response = net.alice.put('/v2.1/servers/%s' % uuid,
                             {'server': {'name': 'renamed'}}, version=version)
    assert response.status_int == 200, response.body
    server = response.json_body_or_none['server']
    assert server['name'] == 'renamed'
    assert ('security_groups' in server) is full
    [address] = server['addresses']['private']
    if full:
        assert server == _server(net, uuid, version)
    else:
        assert address == {'version': 4, 'addr': '10.0.0.3'}
        assert 'OS-EXT-STS:vm_state' not in server


@pytest.mark.parametrize('body, message', [
    ({'addSecurityGroup': None}, 'Missing parameter dict'),
    ({'addSecurityGroup': {}}, 'Security group not specified'),
    ({'addSecurityGroup': {'name': ' '}},
     'Security group name cannot be empty'),
])
def test_security_group_action_bodies_checked_as_nova(net, body, message):
    uuid = _boot(net, [{'uuid': net.private}])
    response = net.alice.post('/v2.1/servers/%s/action' % uuid, body)
    assert response.status_int == 400
    assert response.json_body_or_none['badRequest']['message'] == message


def test_security_groups_of_a_server_without_ports_is_empty(net):
    uuid = _boot(net, 'none')
    path = '/v2.1/servers/%s/os-security-groups' % uuid
    assert net.alice.get(path).json_body_or_none == {'security_groups': []}
    response = net.alice.post('/v2.1/servers/%s/action' % uuid,
                              {'addSecurityGroup': {'name': 'default'}})
    assert response.status_int == 404


# os-networks (2.1 to 2.35)

def test_os_networks_lists_the_projects_networks_until_2_35(net):
    shared = net.network.create_network('public', 'admin-proj',
                                        cidr='192.0.2.0/24', shared=True)
    listed = net.alice.get('/v2.1/os-networks', version='2.35')
    assert listed.status_int == 200
    networks = listed.json_body_or_none['networks']
    assert {(n['id'], n['label']) for n in networks} == {
        (net.private, 'private'), (shared, 'public')}
    assert networks[0]['cidr'] is None and 'bridge' not in networks[0]
    shown = net.alice.get('/v2.1/os-networks/%s' % net.private,
                          version='2.1').json_body_or_none['network']
    assert (shown['id'], shown['label']) == (net.private, 'private')
    admin = net.admin.get('/v2.1/os-networks/%s' % net.private,
                          version='2.1').json_body_or_none['network']
    assert 'bridge' in admin
    other = net.alice.get('/v2.1/os-networks/%s' % net.bobnet,
                          version='2.1')
    assert other.status_int == 404
    assert other.json_body_or_none['itemNotFound']['message'] == \
        'Network not found'
    for path in ('/v2.1/os-networks', '/v2.1/os-networks/' + net.private):
        assert net.alice.get(path, version='2.36').status_int == 404


# os-tenant-networks (2.1 to 2.35)

def test_os_tenant_networks_lists_and_shows_as_nova_until_2_35(net):
    shared = net.network.create_network('public', 'admin-proj',
                                        cidr='192.0.2.0/24', shared=True)
    listed = net.alice.get('/v2.1/os-tenant-networks', version='2.35')
    assert listed.status_int == 200
    assert sorted(listed.json_body_or_none['networks'],
                  key=lambda n: n['label']) == [
        {'id': net.private, 'cidr': 'None', 'label': 'private'},
        {'id': shared, 'cidr': 'None', 'label': 'public'}]
    shown = net.alice.get('/v2.1/os-tenant-networks/%s' % net.private,
                          version='2.1')
    assert shown.json_body_or_none == {'network': {
        'id': net.private, 'cidr': 'None', 'label': 'private'}}
    other = net.alice.get('/v2.1/os-tenant-networks/%s' % net.bobnet,
                          version='2.1')
    assert other.status_int == 404
    assert other.json_body_or_none['itemNotFound']['message'] == \
        'Network not found'
    admin = net.admin.get('/v2.1/os-tenant-networks', version='2.1')
    assert {n['label'] for n in admin.json_body_or_none['networks']} == {
        'private', 'bobnet', 'public'}
    for path in ('/v2.1/os-tenant-networks',
                 '/v2.1/os-tenant-networks/' + net.private):
        assert net.alice.get(path, version='2.36').status_int == 404


def test_unknown_security_group_is_400_with_networks_none(net):
    _refused(net, 400, 'Security group nope does not exist',
             networks='none', security_groups=[{'name': 'nope'}])


def test_no_network_service_knows_only_the_default_group(net):
    CONF.set_override('enabled', False, 'network')
    try:
        _refused(net, 400, 'Security group web does not exist',
                 version='2.1', networks=None,
                 security_groups=[{'name': 'web'}])
        assert net.boot(net.alice, networks=None, version='2.1',
                        security_groups=[{'name': 'default'}]
                        ).status_int == 202
    finally:
        CONF.clear_override('enabled', 'network')


# GET /servers?ip=&ip6= (regexes on the fixed IPs, after the database)

def _listed(client, query, version=None):
    response = client.get('/v2.1/servers?' + query, version=version)
    assert response.status_int == 200, response.body
    return [s['id'] for s in response.json_body_or_none['servers']]


def test_servers_filtered_by_ip_as_nova(net):
    first = _boot(net, [{'uuid': net.private}])    # 10.0.0.3
    second = _boot(net, [{'uuid': net.private}])   # 10.0.0.4
    assert _listed(net.alice, 'ip=10.0.0.3') == [first]
    assert set(_listed(net.alice, 'ip=10.0.0')) == {first, second}
    assert _listed(net.alice, 'ip=0.0.3') == []    # re.match: the start
    assert _listed(net.alice, 'ip=10%5C.0%5C.0%5C.%5B4%5D') == [second]
    # The page is cut after the filter, not before.
    assert _listed(net.alice, 'ip=10.0.0.3&limit=1') == [first]
    assert _listed(net.admin, 'ip=10.0.0.4&all_tenants=1') == [second]
    # No server has an IPv6 address; non-admins may filter by ip6 from
    # 2.5 (before, the filter is dropped, as Nova's).
    assert _listed(net.alice, 'ip6=fd00', version='2.5') == []
    assert set(_listed(net.alice, 'ip6=fd00', version='2.4')) == {
        first, second}
    assert _listed(net.admin, 'ip6=fd00&all_tenants=1',
                   version='2.4') == []
    response = net.alice.get('/v2.1/servers?ip=10.(')
    assert response.status_int == 400
    assert list(response.json_body_or_none.values())[0]['message'] == \
        'Invalid filter field: ip.'
