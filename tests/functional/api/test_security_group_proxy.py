# SPDX-License-Identifier: Apache-2.0
"""/os-security-groups and /os-security-group-rules (2.1 to 2.35) through
the API and the network stand-in: Nova's bodies, checks and errors."""

import pytest

V = '2.35'
GROUPS = '/v2.1/os-security-groups'
RULES = '/v2.1/os-security-group-rules'
UNKNOWN = '6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'


def _message(response):
    return list(response.json_body_or_none.values())[0]['message']


def _create(client, name='web', description='web servers'):
    response = client.post(GROUPS, {'security_group': {
        'name': name, 'description': description}}, version=V)
    assert response.status_int == 200, response.body
    return response.json_body_or_none['security_group']


def _rule(client, status=200, **rule):
    response = client.post(RULES, {'security_group_rule': rule}, version=V)
    assert response.status_int == status, response.body
    return response


def test_groups_created_listed_shown_updated_deleted(cloud):
    group = _create(cloud.alice)
    assert group == {'id': group['id'], 'name': 'web',
                     'description': 'web servers', 'tenant_id': 'proj-a',
                     'rules': []}
    listed = cloud.alice.get(GROUPS, version=V).json_body_or_none
    assert sorted(g['name'] for g in listed['security_groups']) == [
        'default', 'web']
    path = '%s/%s' % (GROUPS, group['id'])
    assert cloud.alice.get(path, version='2.1').json_body_or_none[
        'security_group'] == group
    updated = cloud.alice.put(path, {'security_group': {
        'name': 'www', 'description': 'renamed'}}, version=V)
    assert updated.status_int == 200
    assert updated.json_body_or_none['security_group']['name'] == 'www'
    assert cloud.alice.delete(path, version=V).status_int == 202
    assert cloud.alice.get(path, version=V).status_int == 404
    assert cloud.alice.delete(path, version=V).status_int == 404


def test_proxies_are_gone_from_2_36(cloud):
    group = _create(cloud.alice)
    for method, path in (('get', GROUPS),
                         ('get', GROUPS + '/' + group['id']),
                         ('delete', GROUPS + '/' + group['id']),
                         ('delete', RULES + '/' + UNKNOWN)):
        response = getattr(cloud.alice, method)(path, version='2.36')
        assert response.status_int == 404, (method, path)
    assert cloud.alice.post(GROUPS, {'security_group': {
        'name': 'x', 'description': 'y'}}).status_int == 404
    assert cloud.alice.get(GROUPS + '/' + group['id'],
                           version=V).status_int == 200


def test_another_projects_group_is_404_and_all_tenants_for_admins(cloud):
    group = _create(cloud.alice)
    path = '%s/%s' % (GROUPS, group['id'])
    assert cloud.bob.get(path, version=V).status_int == 404
    assert cloud.bob.delete(path, version=V).status_int == 404
    bobs = cloud.bob.get(GROUPS + '?all_tenants=1', version=V)
    assert group['id'] not in {
        g['id'] for g in bobs.json_body_or_none['security_groups']}
    admins = cloud.admin.get(GROUPS + '?all_tenants=true', version=V)
    assert group['id'] in {
        g['id'] for g in admins.json_body_or_none['security_groups']}
    own = cloud.admin.get(GROUPS, version=V).json_body_or_none
    assert group['id'] not in {g['id'] for g in own['security_groups']}


@pytest.mark.parametrize('body, message', [
    ({'name': '', 'description': 'd'},
     'name has a minimum character requirement of 1.'),
    ({'name': ' ', 'description': 'd'},
     'name has a minimum character requirement of 1.'),
    ({'name': 'n' * 256, 'description': 'd'},
     'name has more than 255 characters.'),
    ({'name': 'n', 'description': 7},
     'Security group description is not a string or unicode'),
    ({'name': 'n'}, ('Security group description is not a string or '
     'unicode')),
])
def test_group_bodies_checked_as_nova(cloud, body, message):
    response = cloud.alice.post(GROUPS, {'security_group': body}, version=V)
    assert response.status_int == 400
    assert _message(response) == message


def test_bad_group_ids_are_400_unknown_404(cloud):
    response = cloud.alice.get(GROUPS + '/not-a-uuid', version=V)
    assert response.status_int == 400
    assert _message(response) == 'Security group id should be uuid'
    response = cloud.alice.get(GROUPS + '/' + UNKNOWN, version=V)
    assert response.status_int == 404
    assert _message(response) == 'Security group %s not found.' % UNKNOWN
    response = cloud.alice.put(GROUPS + '/' + UNKNOWN, {'security_group': {
        'name': 'a', 'description': 'b'}}, version=V)
    assert response.status_int == 404


def test_default_group_cannot_be_deleted_nor_made_again(cloud):
    groups = cloud.alice.get(GROUPS, version=V).json_body_or_none
    [default] = [g for g in groups['security_groups']
                 if g['name'] == 'default']
    response = cloud.alice.delete('%s/%s' % (GROUPS, default['id']),
                                  version=V)
    assert response.status_int == 400
    assert 'default security group' in _message(response)
    response = cloud.alice.post(GROUPS, {'security_group': {
        'name': 'default', 'description': 'again'}}, version=V)
    assert response.status_int == 400


def test_group_in_use_is_400(cloud):
    cloud.network.create_network('private', 'proj-a')
    group = _create(cloud.alice)
    cloud.boot(cloud.alice, networks='auto',
               security_groups=[{'name': 'web'}])
    assert cloud.network.ports
    response = cloud.alice.delete('%s/%s' % (GROUPS, group['id']),
                                  version=V)
    assert response.status_int == 400
    assert 'in use' in _message(response)


def test_rules_created_shown_in_group_and_deleted(cloud):
    group = _create(cloud.alice)
    peer = _create(cloud.alice, 'db', 'databases')
    ssh = _rule(cloud.alice, parent_group_id=group['id'], ip_protocol='tcp',
                from_port=22, to_port=22).json_body_or_none[
        'security_group_rule']
    assert ssh == {'id': ssh['id'], 'parent_group_id': group['id'],
                   'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
                   'ip_range': {'cidr': '0.0.0.0/0'}, 'group': {}}
    ping = _rule(cloud.alice, parent_group_id=group['id'],
                 ip_protocol='icmp', from_port=-1, to_port=-1,
                 cidr='10.2.3.0/24').json_body_or_none['security_group_rule']
    assert (ping['from_port'], ping['to_port'], ping['ip_range']) == (
        -1, -1, {'cidr': '10.2.3.0/24'})
    from_peer = _rule(cloud.alice, parent_group_id=group['id'],
                      ip_protocol='udp', from_port=53, to_port=53,
                      group_id=peer['id']).json_body_or_none[
        'security_group_rule']
    assert from_peer['group'] == {'name': 'db', 'tenant_id': 'proj-a'}
    assert from_peer['ip_range'] == {}
    shown = cloud.alice.get('%s/%s' % (GROUPS, group['id']),
                            version=V).json_body_or_none['security_group']
    assert {r['id'] for r in shown['rules']} == {
        ssh['id'], ping['id'], from_peer['id']}
    path = '%s/%s' % (RULES, ssh['id'])
    assert cloud.alice.delete(path, version=V).status_int == 202
    assert cloud.alice.delete(path, version=V).status_int == 404
    # The peer's rules go with it, as Networking's.
    assert cloud.alice.delete('%s/%s' % (GROUPS, peer['id']),
                              version=V).status_int == 202
    shown = cloud.alice.get('%s/%s' % (GROUPS, group['id']),
                            version=V).json_body_or_none['security_group']
    assert [r['id'] for r in shown['rules']] == [ping['id']]


def test_duplicate_rule_is_400(cloud):
    group = _create(cloud.alice)
    rule = dict(parent_group_id=group['id'], ip_protocol='tcp',
                from_port=80, to_port=80)
    _rule(cloud.alice, **rule)
    response = _rule(cloud.alice, 400, **rule)
    assert _message(response) == 'This rule already exists in group %s' \
        % group['id']


@pytest.mark.parametrize('rule, message', [
    (dict(ip_protocol='tcp', from_port='x', to_port=22),
     'Invalid input received: To and From ports must be integers'),
    (dict(ip_protocol='icmp', from_port=-1, to_port='y'),
     ('Invalid input received: Type and Code must be integers for ICMP '
     'protocol type')),
    (dict(ip_protocol='gre', from_port=1, to_port=2),
     'Invalid IP protocol gre.'),
    (dict(ip_protocol='tcp', from_port=23, to_port=22),
     ('Invalid port range 23:22. Former value cannot be greater than the '
     'later')),
    (dict(ip_protocol='tcp', from_port=0, to_port=22),
     ('Invalid port range 0:22. Valid TCP ports should be between '
     '1-65535')),
    (dict(ip_protocol='udp', from_port=1, to_port=65536),
     ('Invalid port range 1:65536. Valid UDP ports should be between '
     '1-65535')),
    (dict(ip_protocol='icmp', from_port=256, to_port=0),
     'Invalid port range 256:0. For ICMP, the type:code must be valid'),
    (dict(ip_protocol='tcp', from_port=1, to_port=2, cidr='10.0.0.300/8'),
     '10.0.0.300/8 is not a valid IP network.'),
    (dict(ip_protocol='tcp', from_port=1, to_port=2, cidr='10.0.0.0/0'),
     'Bad prefix for network in cidr 10.0.0.0/0'),
    (dict(ip_protocol=None, from_port=None, to_port=None),
     'Not enough parameters to build a valid rule.'),
])
def test_rule_bodies_checked_as_nova(cloud, rule, message):
    group = _create(cloud.alice)
    response = _rule(cloud.alice, 400, parent_group_id=group['id'], **rule)
    assert _message(response) == message


def test_rule_group_ids_checked(cloud):
    response = _rule(cloud.alice, 400, parent_group_id='abc',
                     ip_protocol='tcp', from_port=22, to_port=22)
    assert _message(response) == 'Security group id should be uuid'
    response = _rule(cloud.alice, 404, parent_group_id=UNKNOWN,
                     ip_protocol='tcp', from_port=22, to_port=22)
    assert _message(response) == 'Security group %s not found.' % UNKNOWN
    group = _create(cloud.alice)
    _rule(cloud.alice, 404, parent_group_id=group['id'], group_id=UNKNOWN,
          ip_protocol='tcp', from_port=22, to_port=22)
    bobs = _create(cloud.bob, 'bobs')
    _rule(cloud.alice, 404, parent_group_id=bobs['id'], ip_protocol='tcp',
          from_port=22, to_port=22)
    assert cloud.alice.delete(RULES + '/' + UNKNOWN,
                              version=V).status_int == 404


def test_ipv6_cidr_makes_an_ipv6_rule(cloud):
    group = _create(cloud.alice)
    _rule(cloud.alice, parent_group_id=group['id'], ip_protocol='tcp',
          from_port=443, to_port=443, cidr='2001:db8::/32')
    [rule] = cloud.network.security_groups[group['id']][
        'security_group_rules']
    assert (rule['ethertype'], rule['remote_ip_prefix'],
            rule['direction']) == ('IPv6', '2001:db8::/32', 'ingress')


def test_groups_paged_with_limit_and_offset_as_nova(cloud):
    for name in ('a', 'b', 'c'):
        _create(cloud.alice, name, name)
    every = [g['id'] for g in cloud.alice.get(
        GROUPS, version=V).json_body_or_none['security_groups']]
    assert len(every) == 4 and every == sorted(every)
    page = cloud.alice.get(GROUPS + '?limit=2&offset=1', version=V)
    assert [g['id'] for g in page.json_body_or_none['security_groups']] == \
        every[1:3]
    for query, message in (('limit=x', 'limit param must be an integer'),
                           ('offset=-1', 'offset param must be positive')):
        response = cloud.alice.get(GROUPS + '?' + query, version=V)
        assert response.status_int == 400
        assert _message(response) == message


def test_names_are_checked_stripped_but_kept_as_sent(cloud):
    group = _create(cloud.alice, name=' spaced ', description=' d ')
    assert (group['name'], group['description']) == (' spaced ', ' d ')
    blank = cloud.alice.post(GROUPS, {'security_group': {
        'name': '   ', 'description': 'x'}}, version=V)
    assert blank.status_int == 400
