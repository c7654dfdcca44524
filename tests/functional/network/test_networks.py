# SPDX-License-Identifier: Apache-2.0
"""/v2.0/networks: shapes, visibility, provider attributes, list options."""

USER = 'alice:p1'
OTHER = 'bob:p2'


def test_network_has_networking_v2_shape(client):
    net = client.as_(USER).create('network', name='private')
    for key in ('id', 'name', 'tenant_id', 'project_id', 'admin_state_up',
                'status', 'shared', 'router:external', 'mtu', 'subnets',
                'created_at', 'updated_at', 'revision_number',
                'description', 'tags', 'availability_zones',
                'port_security_enabled'):
        assert key in net, key
    assert net['status'] == 'ACTIVE'
    assert net['project_id'] == net['tenant_id'] == 'p1'
    assert net['mtu'] == 1450  # vxlan: 1500 - 50
    assert net['subnets'] == [] and net['tags'] == []


def test_provider_attributes_are_hidden_from_members_shown_to_admin(
        client):
    net = client.as_(USER).create('network', name='private')
    assert 'provider:network_type' not in net
    admin_view = client.get('/v2.0/networks/%s' % net['id']).json()[
        'network']
    assert admin_view['provider:network_type'] == 'vxlan'
    assert isinstance(admin_view['provider:segmentation_id'], int)


def test_member_may_not_set_provider_attributes_403(client):
    resp = client.as_(USER).post('/v2.0/networks', {'network': {
        'name': 'x', 'provider:network_type': 'flat',
        'provider:physical_network': 'public'}})
    assert resp.status_code == 403, resp.text
    assert resp.json()['NeutronError']['type'] == 'PolicyNotAuthorized'


def test_admin_creates_flat_and_vlan_networks_one_flat_per_physnet(client):
    flat = client.create('network', **{
        'name': 'public', 'provider:network_type': 'flat',
        'provider:physical_network': 'public', 'router:external': True})
    assert flat['provider:segmentation_id'] is None
    assert flat['mtu'] == 1500
    again = client.post('/v2.0/networks', {'network': {
        'provider:network_type': 'flat',
        'provider:physical_network': 'public'}})
    assert again.status_code == 409
    assert again.json()['NeutronError']['type'] == 'FlatNetworkInUse'
    vlan = client.create('network', **{
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1'})
    assert vlan['provider:segmentation_id'] in (100, 101, 102)


def test_unknown_physical_network_is_400_naming_the_field(client):
    resp = client.post('/v2.0/networks', {'network': {
        'provider:network_type': 'flat',
        'provider:physical_network': 'nowhere'}})
    assert resp.status_code == 400
    assert 'provider:physical_network' in resp.json()[
        'NeutronError']['message']


def test_vlan_ids_run_out_with_409(client):
    for _ in range(3):
        client.create('network', **{'provider:network_type': 'vlan',
                                    'provider:physical_network': 'physnet1'})
    resp = client.post('/v2.0/networks', {'network': {
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1'}})
    assert resp.status_code == 409, resp.text


def test_other_projects_private_network_is_404_shared_one_visible(client):
    private = client.as_(USER).create('network', name='mine')
    shared = client.create('network', name='everyone', shared=True)
    other = client.as_(OTHER)
    assert other.get('/v2.0/networks/%s' % private['id']).status_code == 404
    assert other.get('/v2.0/networks/%s' % shared['id']).status_code == 200
    names = [n['name'] for n in other.get('/v2.0/networks').json()[
        'networks']]
    assert names == ['everyone']


def test_member_may_not_share_a_network(client):
    resp = client.as_(USER).post('/v2.0/networks',
                                 {'network': {'shared': True}})
    assert resp.status_code == 403


def test_unknown_attribute_is_400(client):
    resp = client.post('/v2.0/networks', {'network': {'colour': 'red'}})
    assert resp.status_code == 400
    assert "'colour'" in resp.json()['NeutronError']['message']


def test_update_bumps_revision_and_delete_is_204_then_404(client):
    net = client.create('network', name='a')
    resp = client.put('/v2.0/networks/%s' % net['id'],
                      {'network': {'name': 'b'}})
    assert resp.json()['network']['name'] == 'b'
    assert resp.json()['network']['revision_number'] == 2
    assert client.delete('/v2.0/networks/%s' % net['id']).status_code == 204
    resp = client.get('/v2.0/networks/%s' % net['id'])
    assert resp.status_code == 404
    assert resp.json()['NeutronError']['type'] == 'NetworkNotFound'


def test_filters_repeated_values_are_or_and_fields_trim(client):
    for name in ('a', 'b', 'c'):
        client.create('network', name=name)
    names = sorted(n['name'] for n in client.get(
        '/v2.0/networks?name=a&name=c').json()['networks'])
    assert names == ['a', 'c']
    nets = client.get('/v2.0/networks?fields=id&fields=name').json()[
        'networks']
    assert all(set(n) == {'id', 'name'} for n in nets)
    assert client.get('/v2.0/networks?shared=false').json()['networks']


def test_sort_and_paging_with_next_link(client):
    for name in ('c', 'a', 'b', 'd'):
        client.create('network', name=name)
    page = client.get('/v2.0/networks?sort_key=name&sort_dir=desc&limit=3'
                      ).json()
    assert [n['name'] for n in page['networks']] == ['d', 'c', 'b']
    [link] = page['networks_links']
    assert link['rel'] == 'next'
    href = link['href'][link['href'].index('/v2.0'):]
    rest = client.get(href).json()
    assert [n['name'] for n in rest['networks']] == ['a']
    assert 'networks_links' not in rest


def test_bad_sort_dir_is_400(client):
    resp = client.get('/v2.0/networks?sort_key=name&sort_dir=up')
    assert resp.status_code == 400
