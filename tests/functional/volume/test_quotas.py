# SPDX-License-Identifier: Apache-2.0
"""os-quota-sets, limits and over-quota 413s."""

USER = 'alice:p1'


def test_defaults_and_usage_are_cinders(client):
    user = client.as_(USER)
    quota = user.get('/os-quota-sets/p1').json()['quota_set']
    assert {k: quota[k] for k in ('volumes', 'gigabytes', 'snapshots',
                                  'per_volume_gigabytes', 'backups',
                                  'groups', 'id')} == {
        'volumes': 10, 'gigabytes': 1000, 'snapshots': 10,
        'per_volume_gigabytes': -1, 'backups': 10, 'groups': 10,
        'id': 'p1'}
    assert quota['volumes___DEFAULT__'] == -1
    volume = user.create_volume(size=3)
    usage = user.get('/os-quota-sets/p1?usage=True').json()['quota_set']
    assert usage['volumes'] == {'limit': 10, 'in_use': 1, 'reserved': 0}
    assert usage['gigabytes']['in_use'] == 3
    assert usage['volumes___DEFAULT__']['in_use'] == 1
    defaults = user.get('/os-quota-sets/p1/defaults').json()['quota_set']
    assert defaults['volumes'] == 10
    limits = user.get('/limits').json()['limits']
    assert limits['rate'] == []
    assert limits['absolute']['maxTotalVolumes'] == 10
    assert limits['absolute']['totalVolumesUsed'] == 1
    assert limits['absolute']['totalGigabytesUsed'] == 3
    assert limits['absolute']['maxTotalVolumeGigabytes'] == 1000
    user.wait_status(volume['id'], 'available')


def test_over_quota_is_413_overlimit(client):
    resp = client.put('/os-quota-sets/p1', {'quota_set': {
        'volumes': 1, 'gigabytes': 5}})
    assert resp.status_code == 200, resp.text
    assert resp.json()['quota_set']['volumes'] == 1
    user = client.as_(USER)
    volume = user.create_volume(size=2)
    resp = user.post('/volumes', {'volume': {'size': 1}})
    assert resp.status_code == 413
    assert "quota 'volumes'" in resp.json()['overLimit']['message']
    client.put('/os-quota-sets/p1', {'quota_set': {'volumes': 5}})
    resp = user.post('/volumes', {'volume': {'size': 4}})
    assert resp.status_code == 413
    assert 'gigabytes' in resp.json()['overLimit']['message']
    user.wait_status(volume['id'], 'available')
    resp = user.post('/volumes/%s/action' % volume['id'],
                     {'os-extend': {'new_size': 6}})
    assert resp.status_code == 413
    assert client.delete('/os-quota-sets/p1').status_code == 200
    assert user.get('/os-quota-sets/p1').json()['quota_set'][
        'volumes'] == 10


def test_members_read_own_quota_only_and_cannot_set(client):
    user = client.as_(USER)
    assert user.get('/os-quota-sets/p2').status_code == 403
    assert user.put('/os-quota-sets/p1', {'quota_set': {
        'volumes': 50}}).status_code == 403


def test_bad_quota_values_are_400(client):
    for body in ({'quota_set': {'volumes': 'many'}},
                 {'quota_set': {'volumes': -2}},
                 {'quota_set': {'wings': 2}}, {'quota': {}}):
        resp = client.put('/os-quota-sets/p1', body)
        assert resp.status_code == 400, (body, resp.text)
