# SPDX-License-Identifier: Apache-2.0
"""Security group changes reach the hosts that enforce them.

Members of a group (servers booted and deleted) go to the hosts whose
ports have a rule naming the group; rule changes and a port's change of
groups go to the hosts of the ports concerned.
"""

import uuid

import pytest

from nova_like import context as nl_context
from nova_like.network import coalescer
from nova_like.network import dhcp_agent
from nova_like.network import manager as network_manager
from nova_like.network import wsgi

USER = 'alice:p1'


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
    user.create('subnet', network_id=net['id'], cidr='10.0.0.0/24')
    return net


def _boot(mgr, ctx, net, host):
    return mgr.allocate_for_instance(
        ctx, str(uuid.uuid4()), 'p1', host, '192.0.2.%d' % int(host[-1]),
        [{'network_id': net['id']}])


def _default_group(client):
    [group] = [g for g in client.as_(USER).get(
        '/v2.0/security-groups').json()['security_groups']
        if g['name'] == 'default']
    return group['id']


def test_a_new_member_reaches_the_hosts_of_the_groups_ports(
        mgr, ctx, net, client, compute):
    [first] = _boot(mgr, ctx, net, 'cmp1')
    default = _default_group(client)
    [second] = _boot(mgr, ctx, net, 'cmp2')
    coalescer.flush_all()
    addresses = sorted(ip['address'] for vif in (first, second)
                       for ip in vif['network']['subnets'][0]['ips'])
    # Both hosts hold a port whose default rules name the default group.
    assert ('cmp1', default, addresses) in compute.members
    assert ('cmp2', default, addresses) in compute.members
    compute.members.clear()
    mgr.deallocate_for_instance(ctx, mgr.get_bound_instances(ctx).popitem()[
        0])
    coalescer.flush_all()
    [(host, group, left)] = compute.members
    assert group == default and len(left) == 1


def test_a_new_rule_remakes_the_rules_of_the_groups_ports(
        mgr, ctx, net, client, compute):
    [vif] = _boot(mgr, ctx, net, 'cmp1')
    default = _default_group(client)
    rule = client.as_(USER).create(
        'security_group_rule', 'security-group-rules',
        security_group_id=default,
        direction='ingress', protocol='tcp', port_range_min=7,
        port_range_max=7, remote_ip_prefix='0.0.0.0/0')
    [(host, [pushed])] = compute.rules
    assert (host, pushed['id']) == ('cmp1', vif['id'])
    assert any(r['port_range_min'] == 7 for g in pushed['security_groups']
               for r in g['rules'])
    compute.rules.clear()
    client.as_(USER).delete('/v2.0/security-group-rules/%s' % rule['id'])
    [(host, [pushed])] = compute.rules
    assert not any(r['port_range_min'] == 7
                   for g in pushed['security_groups'] for r in g['rules'])


def test_a_server_changing_groups_remakes_its_rules(mgr, ctx, net, client,
                                                    compute):
    instance = str(uuid.uuid4())
    mgr.allocate_for_instance(ctx, instance, 'p1', 'cmp1', '192.0.2.1',
                              [{'network_id': net['id']}])
    client.as_(USER).create('security_group', 'security-groups', name='web')
    compute.rules.clear()
    mgr.add_security_group(ctx, instance, 'web')
    [(host, [pushed])] = compute.rules
    assert {g['name'] for g in pushed['security_groups']} == {'default',
                                                              'web'}
    compute.rules.clear()
    mgr.remove_security_group(ctx, instance, 'default')
    [(host, [pushed])] = compute.rules
    assert [g['name'] for g in pushed['security_groups']] == ['web']
