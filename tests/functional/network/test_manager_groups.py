# SPDX-License-Identifier: Apache-2.0
"""Network RPC 1.3: the manager's security group calls (the Compute API's
os-security-groups proxies), called in this process."""

import uuid

import pytest

from nova_like import context as nl_context
from nova_like import exception
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


def _raises(cls, call, *args):
    """call(*args) raises exactly cls, a nova_like.exception class (the
    only ones RPC carries)."""
    with pytest.raises(exception.NovaLikeException) as info:
        call(*args)
    assert type(info.value) is cls, info.value
    return str(info.value)


def _tcp(group_id, port=22, **extra):
    return dict({'security_group_id': group_id, 'direction': 'ingress',
                 'ethertype': 'IPv4', 'protocol': 'tcp',
                 'port_range_min': port, 'port_range_max': port,
                 'remote_ip_prefix': '0.0.0.0/0', 'remote_group_id': None},
                **extra)


def test_groups_listed_made_renamed_and_deleted(mgr, ctx):
    assert [g['name'] for g in mgr.list_security_groups(ctx)] == [
        'default']
    web = mgr.create_security_group(ctx, 'web', 'web servers')
    assert (web['name'], web['description'], web['project_id']) == (
        'web', 'web servers', 'p1')
    assert mgr.get_security_group(ctx, web['id'])['id'] == web['id']
    renamed = mgr.update_security_group(ctx, web['id'], 'www', 'renamed')
    assert (renamed['name'], renamed['description']) == ('www', 'renamed')
    mgr.delete_security_group(ctx, web['id'])
    _raises(exception.SecurityGroupNotFound, mgr.get_security_group, ctx,
            web['id'])
    _raises(exception.SecurityGroupNotFound, mgr.delete_security_group,
            ctx, web['id'])


def test_projects_see_their_own_admins_all_when_asked(mgr, ctx):
    web = mgr.create_security_group(ctx, 'web', 'w')
    bob = nl_context.RequestContext(user_id='bob', project_id='p2')
    assert web['id'] not in {
        g['id'] for g in mgr.list_security_groups(bob, all_projects=True)}
    _raises(exception.SecurityGroupNotFound, mgr.get_security_group, bob,
            web['id'])
    admin = nl_context.RequestContext(user_id='a', project_id='admin',
                                      is_admin=True, roles=['admin'])
    assert web['id'] not in {
        g['id'] for g in mgr.list_security_groups(admin)}
    assert web['id'] in {
        g['id'] for g in mgr.list_security_groups(admin, all_projects=True)}


def test_group_errors_cross_rpc_as_nova_like_exceptions(mgr, ctx):
    _raises(exception.Invalid, mgr.create_security_group, ctx, 'default',
            'again')
    [default] = mgr.list_security_groups(ctx)
    _raises(exception.Invalid, mgr.update_security_group, ctx,
            default['id'], 'other', 'd')
    assert 'default security group' in _raises(
        exception.Conflict, mgr.delete_security_group, ctx, default['id'])


def test_group_in_use_is_a_conflict(mgr, ctx, client):
    user = client.as_(USER)
    net = user.create('network', name='private')
    user.create('subnet', network_id=net['id'], cidr='10.0.0.0/24')
    web = mgr.create_security_group(ctx, 'web', 'w')
    mgr.allocate_for_instance(ctx, str(uuid.uuid4()), 'p1', 'cmp1',
                              '10.9.0.1', [{'network_id': net['id']}],
                              security_groups=['web'])
    assert 'in use' in _raises(exception.Conflict,
                               mgr.delete_security_group, ctx, web['id'])


def test_rules_made_and_deleted_are_pushed_to_the_hosts(mgr, ctx, client,
                                                        compute):
    user = client.as_(USER)
    net = user.create('network', name='private')
    user.create('subnet', network_id=net['id'], cidr='10.0.0.0/24')
    web = mgr.create_security_group(ctx, 'web', 'w')
    [vif] = mgr.allocate_for_instance(
        ctx, str(uuid.uuid4()), 'p1', 'cmp1', '10.9.0.1',
        [{'network_id': net['id']}], security_groups=['web'])
    compute.rules.clear()
    rule = mgr.create_security_group_rule(ctx, _tcp(web['id']))
    assert (rule['protocol'], rule['port_range_min'],
            rule['direction']) == ('tcp', 22, 'ingress')
    [(host, vifs)] = compute.rules
    assert host == 'cmp1' and vifs[0]['id'] == vif['id']
    [pushed] = [g for g in vifs[0]['security_groups']
                if g['id'] == web['id']]
    assert any(r.get('port_range_min') == 22 for r in pushed['rules'])
    assert rule['id'] in {r['id'] for r in mgr.get_security_group(
        ctx, web['id'])['security_group_rules']}
    compute.rules.clear()
    mgr.delete_security_group_rule(ctx, rule['id'])
    assert [host for host, _vifs in compute.rules] == ['cmp1']
    _raises(exception.SecurityGroupRuleNotFound,
            mgr.delete_security_group_rule, ctx, rule['id'])


def test_rule_errors_cross_rpc_as_nova_like_exceptions(mgr, ctx):
    web = mgr.create_security_group(ctx, 'web', 'w')
    mgr.create_security_group_rule(ctx, _tcp(web['id']))
    assert 'already exists' in _raises(
        exception.Conflict, mgr.create_security_group_rule, ctx,
        _tcp(web['id']))
    _raises(exception.Invalid, mgr.create_security_group_rule, ctx,
            _tcp(web['id'], port=0))
    _raises(exception.SecurityGroupNotFound,
            mgr.create_security_group_rule, ctx, _tcp(str(uuid.uuid4())))
    _raises(exception.SecurityGroupNotFound,
            mgr.create_security_group_rule, ctx,
            _tcp(web['id'], remote_ip_prefix=None,
                 remote_group_id=str(uuid.uuid4())))


def test_deleting_a_group_drops_the_rules_naming_it(mgr, ctx):
    web = mgr.create_security_group(ctx, 'web', 'w')
    db = mgr.create_security_group(ctx, 'db', 'd')
    kept = mgr.create_security_group_rule(ctx, _tcp(web['id'], port=80))
    mgr.create_security_group_rule(ctx, _tcp(
        web['id'], remote_ip_prefix=None, remote_group_id=db['id']))
    mgr.delete_security_group(ctx, db['id'])
    ingress = [r['id'] for r in mgr.get_security_group(
        ctx, web['id'])['security_group_rules']
        if r['direction'] == 'ingress']
    assert ingress == [kept['id']]


def test_a_cidr_is_kept_as_given_and_pushed_as_its_network(mgr, ctx,
                                                            client):
    user = client.as_(USER)
    net = user.create('network', name='private')
    user.create('subnet', network_id=net['id'], cidr='10.0.0.0/24')
    web = mgr.create_security_group(ctx, 'web', 'w')
    rule = mgr.create_security_group_rule(ctx, _tcp(
        web['id'], remote_ip_prefix='10.2.3.124/24'))
    assert (rule['remote_ip_prefix'], rule['normalized_cidr']) == (
        '10.2.3.124/24', '10.2.3.0/24')
    # The same network written otherwise is the same rule.
    _raises(exception.Conflict, mgr.create_security_group_rule, ctx,
            _tcp(web['id'], remote_ip_prefix='10.2.3.0/24'))
    host = mgr.create_security_group_rule(ctx, _tcp(
        web['id'], port=80, remote_ip_prefix='10.2.3.9'))
    assert host['remote_ip_prefix'] == '10.2.3.9/32'
    [vif] = mgr.allocate_for_instance(
        ctx, str(uuid.uuid4()), 'p1', 'cmp1', '10.9.0.1',
        [{'network_id': net['id']}], security_groups=['web'])
    [group] = vif['security_groups']
    assert sorted(p for r in group['rules']
                  for p in r['remote_ip_prefixes'] or ()
                  if p.startswith('10.2.3')) == ['10.2.3.0/24',
                                                 '10.2.3.9/32']


def test_answers_make_novas_bodies(mgr, ctx):
    """What the Compute API's proxy shows from the real service's dicts."""
    from nova_like.api.views import security_groups as view
    web = mgr.create_security_group(ctx, 'web', 'w')
    rule = mgr.create_security_group_rule(ctx, _tcp(
        web['id'], remote_ip_prefix='10.2.3.124/24'))
    groups = mgr.list_security_groups(ctx)
    body = {g['name']: g for g in view.index(groups)['security_groups']}
    default = body['default']
    assert default['tenant_id'] == 'p1' and default['description']
    assert {(r['ip_protocol'], r['from_port'], r['to_port'],
             r['parent_group_id']) for r in default['rules']} == {
        (None, None, None, default['id'])}
    assert all(r['group'] == {'name': 'default', 'tenant_id': 'p1'}
               and r['ip_range'] == {} for r in default['rules'])
    assert body['web']['rules'] == [{
        'id': rule['id'], 'parent_group_id': web['id'],
        'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
        'ip_range': {'cidr': '10.2.3.124/24'}, 'group': {}}]
