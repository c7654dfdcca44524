# SPDX-License-Identifier: Apache-2.0
"""The network RPC manager's methods, called in this process."""

import uuid

import pytest

from nova_like import context as nl_context
from nova_like import exception
from nova_like.network import coalescer
from nova_like.network import dhcp_agent
from nova_like.network import manager as network_manager
from nova_like.network import wsgi

USER = 'alice:p1'
VIF_KEYS = {'id', 'address', 'devname', 'type', 'active',
            'preserve_on_delete', 'tag', 'network', 'security_groups'}
NETWORK_KEYS = {'id', 'label', 'tenant_id', 'bridge', 'mtu',
                'network_type', 'segmentation_id', 'physical_network',
                'peers', 'subnets'}


@pytest.fixture
def mgr(network_conf, dhcp, compute):
    db = wsgi.database(network_conf)
    return network_manager.NetworkManager(
        network_conf, db, dhcp_agent.DhcpAgent(network_conf, db, dhcp),
        compute)


@pytest.fixture
def ctx():
    return nl_context.RequestContext(user_id='alice', project_id='p1')


@pytest.fixture
def net(client):
    user = client.as_(USER)
    net = user.create('network', name='private')
    net['subnet'] = user.create('subnet', network_id=net['id'],
                                cidr='10.0.0.0/24')
    return net


def _allocate(mgr, ctx, requested, host='cmp1', local_ip='10.9.0.1',
              instance=None, **kw):
    return mgr.allocate_for_instance(
        ctx, instance or str(uuid.uuid4()), 'p1', host, local_ip,
        requested, **kw)


def test_allocate_makes_a_bound_port_in_the_vif_shape(mgr, ctx, net,
                                                       client):
    instance = str(uuid.uuid4())
    [vif] = _allocate(mgr, ctx, [{'network_id': net['id']}],
                      instance=instance)
    assert set(vif) == VIF_KEYS and set(vif['network']) == NETWORK_KEYS
    assert vif['devname'] == 'tap' + vif['id'][:11]
    assert vif['network']['bridge'] == 'brq' + net['id'][:11]
    assert vif['type'] == 'bridge' and vif['active'] is True
    assert vif['preserve_on_delete'] is False
    [subnet] = vif['network']['subnets']
    assert subnet['dhcp_server'] == '10.0.0.2'
    assert subnet['gateway'] == '10.0.0.1'
    [ip] = subnet['ips']
    port = client.get('/v2.0/ports/%s' % vif['id']).json()['port']
    assert port['device_id'] == instance
    assert port['device_owner'] == 'compute:nova'
    assert port['binding:host_id'] == 'cmp1'
    assert port['status'] == 'ACTIVE'
    assert port['fixed_ips'][0]['ip_address'] == ip['address']


def test_allocate_twice_for_one_instance_returns_the_same_ports(mgr, ctx,
                                                                net):
    instance = str(uuid.uuid4())
    first = _allocate(mgr, ctx, [{'network_id': net['id']}],
                      instance=instance)
    again = _allocate(mgr, ctx, [{'network_id': net['id']}],
                      instance=instance)
    assert [v['id'] for v in first] == [v['id'] for v in again]
    assert mgr.get_instance_nw_info(ctx, instance) == again


def test_nothing_requested_uses_the_one_network_or_is_ambiguous(
        mgr, ctx, client):
    assert _allocate(mgr, ctx, None) == []
    user = client.as_(USER)
    first = user.create('network')
    user.create('subnet', network_id=first['id'], cidr='10.0.0.0/24')
    [vif] = _allocate(mgr, ctx, None)
    assert vif['network']['id'] == first['id']
    user.create('network')
    with pytest.raises(exception.NetworkAmbiguous):
        _allocate(mgr, ctx, None)


def test_external_networks_are_not_candidates(mgr, ctx, client):
    ext = client.create('network', **{'router:external': True,
                                      'shared': True})
    client.create('subnet', network_id=ext['id'], cidr='10.5.0.0/24')
    assert _allocate(mgr, ctx, None) == []


def test_none_is_no_port_auto_makes_the_projects_network(mgr, ctx, client,
                                                          network_conf):
    assert _allocate(mgr, ctx, [{'network_id': 'none'}]) == []
    [vif] = _allocate(mgr, ctx, [{'network_id': 'auto'}])
    assert vif['network']['label'] == 'auto_allocated_network'
    assert vif['network']['network_type'] == 'vxlan'
    assert vif['network']['subnets'][0]['cidr'] == '10.128.0.0/24'
    [again] = _allocate(mgr, ctx, [{'network_id': 'auto'}])
    assert again['network']['id'] == vif['network']['id']


def test_users_port_is_bound_preserved_and_unbound_on_deallocate(
        mgr, ctx, client, net):
    port = client.as_(USER).create('port', network_id=net['id'])
    instance = str(uuid.uuid4())
    [vif] = _allocate(mgr, ctx, [{'port_id': port['id']}],
                      instance=instance)
    assert vif['id'] == port['id'] and vif['preserve_on_delete'] is True
    mgr.deallocate_for_instance(ctx, instance)
    kept = client.get('/v2.0/ports/%s' % port['id']).json()['port']
    assert kept['device_id'] == '' and kept['status'] == 'DOWN'
    assert kept['fixed_ips'] == port['fixed_ips']
    mgr.deallocate_for_instance(ctx, instance)  # twice is fine


def test_deallocate_deletes_made_ports_and_frees_addresses(mgr, ctx, net,
                                                           client):
    instance = str(uuid.uuid4())
    _allocate(mgr, ctx, [{'network_id': net['id'],
                          'fixed_ip': '10.0.0.50'}], instance=instance)
    mgr.deallocate_for_instance(ctx, instance)
    assert mgr.get_instance_nw_info(ctx, instance) == []
    [vif] = _allocate(mgr, ctx, [{'network_id': net['id'],
                                  'fixed_ip': '10.0.0.50'}])
    assert vif['network']['subnets'][0]['ips'][0]['address'] == '10.0.0.50'


def test_peers_are_the_other_hosts_and_the_dhcp_host_and_they_refresh(
        mgr, ctx, net, compute, network_conf):
    _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp1',
              local_ip='10.9.0.1')
    coalescer.flush_all()
    compute.refreshed.clear()
    [vif] = _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp2',
                      local_ip='10.9.0.2')
    # The network host runs DHCP here: its own local_ip is a peer too.
    assert vif['network']['peers'] == ['10.9.0.1', '192.0.2.1']
    coalescer.flush_all()
    told = dict(compute.refreshed)
    assert told['cmp1']['peers'] == ['10.9.0.2', '192.0.2.1']
    assert told['cmp2']['peers'] == ['10.9.0.1', '192.0.2.1']
    # A third port on a host already there changes nobody's peers.
    compute.refreshed.clear()
    _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp2',
              local_ip='10.9.0.2')
    coalescer.flush_all()
    assert compute.refreshed == []


def test_a_port_bound_through_the_rest_api_moves_the_peers_too(
        mgr, ctx, net, compute, client):
    _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp1',
              local_ip='10.9.0.1')
    other = client.as_(USER).create('network', name='other')
    client.as_(USER).create('subnet', network_id=other['id'],
                            cidr='10.1.0.0/24')
    _allocate(mgr, ctx, [{'network_id': other['id']}], host='cmp2',
              local_ip='10.9.0.2')
    coalescer.flush_all()
    compute.refreshed.clear()
    port = client.create('port', network_id=net['id'],
                         **{'binding:host_id': 'cmp2'})
    coalescer.flush_all()
    told = {host: view['peers'] for host, view in compute.refreshed
            if view['id'] == net['id']}
    assert told == {'cmp1': ['10.9.0.2', '192.0.2.1'],
                    'cmp2': ['10.9.0.1', '192.0.2.1']}
    compute.refreshed.clear()
    client.delete('/v2.0/ports/%s' % port['id'])
    coalescer.flush_all()
    assert [(host, view['peers']) for host, view in compute.refreshed] == \
        [('cmp1', ['192.0.2.1'])]


def test_default_group_rules_name_the_group_and_hosts_get_members(
        mgr, ctx, net, compute):
    [a] = _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp1')
    [b] = _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp2')
    [group] = b['security_groups']
    assert group['name'] == 'default'
    [ingress] = [r for r in group['rules'] if r['direction'] == 'ingress'
                 and r['ethertype'] == 'IPv4']
    # The VIF names the remote group, never its members (they would grow
    # every server's network_info with its group)...
    assert ingress['remote_group_id'] == group['id']
    assert ingress['remote_ip_prefixes'] is None
    # ... which each host holding a member is sent apart.
    coalescer.flush_all()
    addresses = sorted(v['network']['subnets'][0]['ips'][0]['address']
                       for v in (a, b))
    told = {host: members for host, gid, members in compute.members
            if gid == group['id']}
    assert told == {'cmp1': addresses, 'cmp2': addresses}
    [egress] = [r for r in group['rules'] if r['direction'] == 'egress'
                and r['ethertype'] == 'IPv4']
    assert egress['remote_ip_prefixes'] == ['0.0.0.0/0']


def test_named_security_group_unknown_is_not_found(mgr, ctx, net):
    with pytest.raises(exception.SecurityGroupNotFound):
        _allocate(mgr, ctx, [{'network_id': net['id']}],
                  security_groups=['nope'])


def test_full_subnet_fails_the_allocation_naming_the_subnet(mgr, ctx,
                                                            client):
    user = client.as_(USER)
    small = user.create('network')
    subnet = user.create('subnet', network_id=small['id'],
                         cidr='10.3.0.0/30', enable_dhcp=False)
    _allocate(mgr, ctx, [{'network_id': small['id']}])
    with pytest.raises(exception.IpAddressGenerationFailure) as info:
        _allocate(mgr, ctx, [{'network_id': small['id']}])
    assert subnet['id'] in str(info.value)


def test_validate_networks_errors(mgr, ctx, net, client):
    other = client.as_('bob:p2').create('network')
    with pytest.raises(exception.NetworkNotFound):
        mgr.validate_networks(ctx, [{'network_id': other['id']}], 1)
    bare = client.as_(USER).create('network')
    with pytest.raises(exception.NetworkRequiresSubnet):
        mgr.validate_networks(ctx, [{'network_id': bare['id']}], 1)
    with pytest.raises(exception.PortNotFound):
        mgr.validate_networks(ctx, [{'port_id': str(uuid.uuid4())}], 1)
    used = client.as_(USER).create('port', network_id=net['id'],
                                   device_id='vm-x',
                                   fixed_ips=[{'ip_address': '10.0.0.7'}])
    with pytest.raises(exception.PortInUse):
        mgr.validate_networks(ctx, [{'port_id': used['id']}], 1)
    with pytest.raises(exception.IpAddressAlreadyAllocated):
        mgr.validate_networks(ctx, [{'network_id': net['id'],
                                     'fixed_ip': '10.0.0.7'}], 1)


def test_validate_networks_counts_the_port_quota(mgr, ctx, net, client):
    assert mgr.validate_networks(ctx, [{'network_id': net['id']}], 3) == 3
    client.put('/v2.0/quotas/p1', {'quota': {'port': 3}})
    # The DHCP port and the one above leave one port for one server.
    client.as_(USER).create('port', network_id=net['id'])
    assert mgr.validate_networks(ctx, [{'network_id': net['id']}], 3) == 1
    assert mgr.validate_networks(ctx, [{'network_id': 'none'}], 3) == 3


def test_attach_and_detach_interface(mgr, ctx, net, client):
    instance = str(uuid.uuid4())
    _allocate(mgr, ctx, [{'network_id': net['id']}], instance=instance)
    vif = mgr.attach_interface(ctx, instance, 'p1', 'cmp1', '10.9.0.1',
                               network_id=net['id'], tag='eth1')
    assert vif['tag'] == 'eth1'
    assert len(mgr.get_instance_nw_info(ctx, instance)) == 2
    mgr.detach_interface(ctx, instance, vif['id'])
    assert len(mgr.get_instance_nw_info(ctx, instance)) == 1
    assert client.get('/v2.0/ports/%s' % vif['id']).status_code == 404
    with pytest.raises(exception.PortNotFound):
        mgr.detach_interface(ctx, instance, vif['id'])


def test_init_host_resyncs_every_dhcp_network(mgr, ctx, net, dhcp):
    dhcp.calls.clear()
    mgr.init_host(ctx)
    assert [(call, arg['id']) for call, arg in dhcp.calls] == [
        ('sync', net['id'])]


def test_dhcp_hosts_follow_allocations(mgr, ctx, net, dhcp):
    [vif] = _allocate(mgr, ctx, [{'network_id': net['id']}])
    coalescer.flush_all()
    hosts = dhcp.last_sync(net['id'])['hosts']
    assert [h['mac'] for h in hosts] == [vif['address']]


# Network RPC 1.1.

def test_validate_security_groups_by_name_or_id(mgr, ctx, client):
    user = client.as_(USER)
    web = user.create('security_group', collection='security-groups',
                      name='web')
    ids = mgr.validate_security_groups(ctx, ['default', web['id'], 'web'])
    assert len(ids) == 2 and ids[1] == web['id']  # each once, in order
    with pytest.raises(exception.SecurityGroupNotFound):
        mgr.validate_security_groups(ctx, ['nope'])
    user.create('security_group', collection='security-groups', name='web')
    with pytest.raises(exception.Conflict):
        mgr.validate_security_groups(ctx, ['web'])


def test_add_and_remove_a_group_on_an_instances_ports(mgr, ctx, net,
                                                      client):
    web = client.as_(USER).create('security_group',
                                  collection='security-groups', name='web')
    instance = str(uuid.uuid4())
    _allocate(mgr, ctx, [{'network_id': net['id']}], instance=instance)
    mgr.add_security_group(ctx, instance, 'web')
    names = [g['name'] for g in mgr.get_instance_security_groups(
        ctx, instance)]
    assert sorted(names) == ['default', 'web']
    [vif] = mgr.get_instance_nw_info(ctx, instance)
    assert web['id'] in [g['id'] for g in vif['security_groups']]
    mgr.remove_security_group(ctx, instance, 'web')
    assert [g['name'] for g in mgr.get_instance_security_groups(
        ctx, instance)] == ['default']
    with pytest.raises(exception.SecurityGroupNotFound):
        mgr.remove_security_group(ctx, instance, 'web')
    with pytest.raises(exception.PortNotFound):
        mgr.add_security_group(ctx, str(uuid.uuid4()), 'web')


def test_get_networks_own_and_shared_provider_for_admin_only(mgr, ctx,
                                                             client):
    own = client.as_(USER).create('network', name='own')
    client.create('network', name='shared', shared=True)
    client.as_('bob:p2').create('network', name='bobs')
    nets = mgr.get_networks(ctx)
    assert sorted(n['name'] for n in nets) == ['own', 'shared']
    assert all('provider:network_type' not in n for n in nets)
    assert mgr.get_network(ctx, own['id'])['name'] == 'own'
    admin = nl_context.RequestContext(user_id='a', project_id='admin',
                                      is_admin=True, roles=['admin'])
    assert len(mgr.get_networks(admin)) == 3
    assert 'provider:network_type' in mgr.get_network(admin, own['id'])
    bobs = [n for n in mgr.get_networks(admin) if n['name'] == 'bobs']
    with pytest.raises(exception.NetworkNotFound):
        mgr.get_network(ctx, bobs[0]['id'])


def test_bound_instances_are_the_servers_holding_ports(mgr, ctx, net,
                                                       client):
    one, two = str(uuid.uuid4()), str(uuid.uuid4())
    [a] = _allocate(mgr, ctx, [{'network_id': net['id']}], instance=one)
    [b, c] = _allocate(mgr, ctx, [{'network_id': net['id']},
                                  {'network_id': net['id']}], instance=two)
    client.as_(USER).create('port', network_id=net['id'])  # nobody's
    bound = mgr.get_bound_instances(ctx)
    assert bound == {one: [a['id']], two: sorted([b['id'], c['id']])}
    mgr.deallocate_for_instance(ctx, two)
    assert mgr.get_bound_instances(ctx) == {one: [a['id']]}


def test_a_host_that_started_is_told_its_peers_and_members(
        mgr, ctx, net, compute):
    [a] = _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp1',
                    local_ip='10.9.0.1')
    [b] = _allocate(mgr, ctx, [{'network_id': net['id']}], host='cmp2',
                    local_ip='10.9.0.2')
    coalescer.flush_all()
    compute.refreshed.clear()
    compute.members.clear()
    mgr.resync_host(ctx, 'cmp1')
    [(host, view)] = compute.refreshed
    assert (host, view['id'], view['peers']) == \
        ('cmp1', net['id'], ['10.9.0.2', '192.0.2.1'])
    [group] = a['security_groups']
    addresses = sorted(vif['network']['subnets'][0]['ips'][0]['address']
                       for vif in (a, b))
    assert compute.members == [('cmp1', group['id'], addresses)]
    compute.refreshed.clear()
    compute.members.clear()
    mgr.resync_host(ctx, 'never-seen')
    assert compute.refreshed == [] and compute.members == []
