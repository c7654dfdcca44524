# SPDX-License-Identifier: Apache-2.0
"""/v2.0/quotas: defaults, details, updates, 409 OverQuota."""

USER = 'alice:p1'


def test_defaults_are_networkings(client):
    quota = client.get('/v2.0/quotas/p1').json()['quota']
    assert {k: quota[k] for k in ('network', 'subnet', 'port',
                                  'security_group',
                                  'security_group_rule')} == {
        'network': 100, 'subnet': 100, 'port': 500, 'security_group': 10,
        'security_group_rule': 100}


def test_details_count_usage(client):
    client.as_(USER).create('network')
    details = client.as_(USER).get('/v2.0/quotas/p1/details').json()[
        'quota']
    assert details['network'] == {'limit': 100, 'used': 1, 'reserved': 0}


def test_over_quota_is_409_and_delete_resets(client):
    resp = client.put('/v2.0/quotas/p1', {'quota': {'network': 1}})
    assert resp.json()['quota']['network'] == 1
    user = client.as_(USER)
    user.create('network')
    resp = user.post('/v2.0/networks', {'network': {}})
    assert resp.status_code == 409
    assert resp.json()['NeutronError']['type'] == 'OverQuota'
    assert [q['project_id'] for q in client.get('/v2.0/quotas').json()[
        'quotas']] == ['p1']
    assert client.delete('/v2.0/quotas/p1').status_code == 204
    user.create('network')


def test_member_may_read_own_but_not_set_or_list(client):
    user = client.as_(USER)
    assert user.get('/v2.0/quotas/p1').status_code == 200
    assert user.get('/v2.0/quotas/p2').status_code == 403
    assert user.put('/v2.0/quotas/p1',
                    {'quota': {'network': 5}}).status_code == 403
    assert user.get('/v2.0/quotas').status_code == 403


def test_bad_quota_value_is_400(client):
    resp = client.put('/v2.0/quotas/p1', {'quota': {'network': 'many'}})
    assert resp.status_code == 400
    assert 'network' in resp.json()['NeutronError']['message']
