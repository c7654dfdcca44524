# SPDX-License-Identifier: Apache-2.0
"""Security groups and rules: the default group, duplicates, deletes."""

USER = 'alice:p1'


def _default(client):
    groups = client.get('/v2.0/security-groups').json()['security_groups']
    return [g for g in groups if g['name'] == 'default']


def test_listing_creates_the_default_group_once(client):
    user = client.as_(USER)
    [first] = _default(user)
    [again] = _default(user)
    assert first['id'] == again['id']
    rules = {(r['direction'], r['ethertype'], r['remote_group_id'])
             for r in first['security_group_rules']}
    assert rules == {('ingress', 'IPv4', first['id']),
                     ('ingress', 'IPv6', first['id']),
                     ('egress', 'IPv4', None), ('egress', 'IPv6', None)}


def test_port_gets_the_default_group(client):
    user = client.as_(USER)
    net = user.create('network')
    port = user.create('port', network_id=net['id'])
    [default] = _default(user)
    assert port['security_groups'] == [default['id']]


def test_default_group_cannot_be_deleted(client):
    user = client.as_(USER)
    [default] = _default(user)
    resp = user.delete('/v2.0/security-groups/%s' % default['id'])
    assert resp.status_code == 409


def test_rule_create_duplicate_409_and_validation(client):
    user = client.as_(USER)
    group = user.create('security_group', collection='security-groups',
                        name='web')
    assert len(group['security_group_rules']) == 2  # egress v4 and v6
    body = {'security_group_id': group['id'], 'direction': 'ingress',
            'protocol': 'tcp', 'port_range_min': 80, 'port_range_max': 80,
            'remote_ip_prefix': '0.0.0.0/0'}
    rule = user.create('security_group_rule',
                       collection='security-group-rules', **body)
    assert rule['ethertype'] == 'IPv4' and rule['protocol'] == 'tcp'
    resp = user.post('/v2.0/security-group-rules',
                     {'security_group_rule': body})
    assert resp.status_code == 409
    assert resp.json()['NeutronError']['type'] == 'SecurityGroupRuleExists'
    assert rule['id'] in resp.json()['NeutronError']['message']
    bad = dict(body, port_range_min=90, port_range_max=80)
    resp = user.post('/v2.0/security-group-rules',
                     {'security_group_rule': bad})
    assert resp.status_code == 400
    assert 'port_range_min' in resp.json()['NeutronError']['message']
    bad = dict(body, direction='sideways')
    resp = user.post('/v2.0/security-group-rules',
                     {'security_group_rule': bad})
    assert resp.status_code == 400
    assert 'direction' in resp.json()['NeutronError']['message']


def test_group_in_use_409_then_deletable(client):
    user = client.as_(USER)
    group = user.create('security_group', collection='security-groups',
                        name='g')
    net = user.create('network')
    port = user.create('port', network_id=net['id'],
                       security_groups=[group['id']])
    resp = user.delete('/v2.0/security-groups/%s' % group['id'])
    assert resp.status_code == 409
    user.delete('/v2.0/ports/%s' % port['id'])
    assert user.delete('/v2.0/security-groups/%s' % group['id']
                       ).status_code == 204


def test_other_projects_group_is_404(client):
    group = client.as_(USER).create('security_group',
                                    collection='security-groups', name='g')
    assert client.as_('bob:p2').get('/v2.0/security-groups/%s'
                                    % group['id']).status_code == 404
