# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/snapshots: copies on the file backend, volumes made
from them, and the volume that has them kept."""

import os

USER = 'alice:p1'


def _wait(user, snapshot_id, status):
    import time
    deadline = time.monotonic() + 10
    while True:
        resp = user.get('/snapshots/%s' % snapshot_id)
        if resp.status_code == 404 and status == 'deleted':
            return None
        snapshot = resp.json().get('snapshot', {})
        if snapshot.get('status') == status:
            return snapshot
        assert time.monotonic() < deadline, resp.text
        time.sleep(0.02)


def test_snapshot_restore_and_delete(client, volume_manager):
    user = client.as_(USER)
    volume = user.create_volume(size=1)
    user.wait_status(volume['id'], 'available')
    with open(volume_manager.backend.local_path(volume['id']), 'r+b') as f:
        f.write(b'before')
    resp = user.post('/snapshots', {'snapshot': {
        'volume_id': volume['id'], 'name': 's1'}})
    assert resp.status_code == 202, resp.text
    snapshot = resp.json()['snapshot']
    assert snapshot['status'] == 'creating' and snapshot['size'] == 1
    assert snapshot['os-extended-snapshot-attributes:project_id'] == 'p1'
    _wait(user, snapshot['id'], 'available')
    with open(volume_manager.backend.local_path(volume['id']), 'r+b') as f:
        f.write(b'after!')
    # The volume that has a snapshot is kept.
    resp = user.delete('/volumes/%s' % volume['id'])
    assert resp.status_code == 400
    assert 'snapshot' in resp.json()['badRequest']['message']
    restored = user.create_volume(snapshot_id=snapshot['id'], size=None)
    assert restored['snapshot_id'] == snapshot['id']
    assert restored['size'] == 1
    user.wait_status(restored['id'], 'available')
    with open(volume_manager.backend.local_path(restored['id']),
              'rb') as f:
        assert f.read(6) == b'before'
    assert [s['name'] for s in user.get(
        '/snapshots/detail').json()['snapshots']] == ['s1']
    assert user.put('/snapshots/%s' % snapshot['id'], {'snapshot': {
        'name': 's2'}}).json()['snapshot']['name'] == 's2'
    assert client.as_('bob:p2').get(
        '/snapshots/%s' % snapshot['id']).status_code == 404
    path = volume_manager.backend.local_path('snapshot-' + snapshot['id'])
    assert os.path.exists(path)
    assert user.delete('/snapshots/%s' % snapshot['id']).status_code == 202
    _wait(user, snapshot['id'], 'deleted')
    assert not os.path.exists(path)
    assert user.delete('/volumes/%s' % volume['id']).status_code == 202


def test_snapshot_quota_and_bad_input(client):
    user = client.as_(USER)
    volume = user.create_volume(size=1)
    resp = user.post('/snapshots', {'snapshot': {'volume_id': volume['id']}})
    assert resp.status_code == 400  # still creating
    user.wait_status(volume['id'], 'available')
    client.put('/os-quota-sets/p1', {'quota_set': {'snapshots': 0}})
    resp = user.post('/snapshots', {'snapshot': {'volume_id': volume['id']}})
    assert resp.status_code == 413
    assert 'SnapshotLimitExceeded' in resp.json()['overLimit']['message']
    assert user.post('/snapshots', {'snapshot': {}}).status_code == 400
    assert user.post('/snapshots', {'snapshot': {
        'volume_id': 'nope'}}).status_code == 400
    resp = user.post('/volumes', {'volume': {
        'snapshot_id': '00000000-0000-0000-0000-000000000000'}})
    assert resp.status_code == 404
    assert 'Snapshot' in resp.json()['itemNotFound']['message']
