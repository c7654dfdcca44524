# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/volumes through the app, the RPC cast and the manager
with the file backend: shapes, status codes, states."""

import os
import time

from nova_like.volume import volumes as volumes_mod
from nova_like.volume import wsgi
from tests.functional.volume import fixtures
from tests.functional.volume import schemas

USER = 'alice:p1'
GiB = 1024 ** 3


def test_create_becomes_available_with_a_file_of_its_size(
        client, volume_manager):
    user = client.as_(USER)
    volume = user.create_volume(size=2, name='v1', description='d',
                                metadata={'k': 'v'})
    schemas.check_volume(volume)
    assert volume['status'] == 'creating'
    assert volume['bootable'] == 'false'
    assert volume['volume_type'] == '__DEFAULT__'
    assert volume['links'][0]['href'].endswith(
        '/v3/p1/volumes/%s' % volume['id'])
    done = schemas.check_volume(user.wait_status(volume['id'], 'available'))
    assert done['size'] == 2 and done['metadata'] == {'k': 'v'}
    assert done['os-vol-tenant-attr:tenant_id'] == 'p1'
    assert 'os-vol-host-attr:host' not in done  # the admin's
    path = volume_manager.backend.local_path(volume['id'])
    assert os.stat(path).st_size == 2 * GiB
    # The admin sees any volume by id, and every project's with
    # all_tenants; only its own project's without.
    shown = schemas.check_volume(
        client.at('3.27').get('/volumes/%s' % volume['id']).json()['volume'])
    assert shown['os-vol-host-attr:host'] == 'volhost'
    assert client.get('/volumes').json()['volumes'] == []
    assert [v['id'] for v in client.get(
        '/volumes/detail?all_tenants=1').json()['volumes']] == [volume['id']]


def test_list_summary_detail_filters_sort_and_paging(client):
    user = client.as_(USER)
    ids = [user.create_volume(name='v%d' % i, size=1)['id']
           for i in range(3)]
    for volume_id in ids:
        user.wait_status(volume_id, 'available')
    summary = user.get('/volumes').json()['volumes']
    assert set(summary[0]) == {'id', 'name', 'links'}
    assert [v['name'] for v in user.get(
        '/volumes/detail?sort=name:asc').json()['volumes']] == [
        'v0', 'v1', 'v2']
    page = user.get('/volumes?sort=name:asc&limit=2').json()
    assert [v['name'] for v in page['volumes']] == ['v0', 'v1']
    assert page['volumes_links'][0]['rel'] == 'next'
    rest = user.get('/volumes?sort=name:asc&limit=2&marker=%s'
                    % page['volumes'][1]['id']).json()
    assert [v['name'] for v in rest['volumes']] == ['v2']
    assert [v['name'] for v in user.get(
        '/volumes/detail?name=v1').json()['volumes']] == ['v1']
    assert user.get('/volumes?sort=color:asc').status_code == 400
    # Another project sees none of them.
    assert client.as_('bob:p2').get('/volumes').json()['volumes'] == []
    assert client.as_('bob:p2').get(
        '/volumes/%s' % ids[0]).status_code == 404


def test_update_and_metadata(client):
    user = client.as_(USER)
    volume = user.create_volume(name='old')
    path = '/volumes/%s' % volume['id']
    resp = user.put(path, {'volume': {'name': 'new', 'description': 'x'}})
    assert resp.status_code == 200
    assert resp.json()['volume']['name'] == 'new'
    assert user.post(path + '/metadata', {'metadata': {'a': '1'}}).json() \
        == {'metadata': {'a': '1'}}
    assert user.get(path + '/metadata/a').json() == {'meta': {'a': '1'}}
    assert user.put(path + '/metadata/a',
                    {'meta': {'b': '2'}}).status_code == 400
    assert user.put(path + '/metadata', {'metadata': {'c': '3'}}).json() \
        == {'metadata': {'c': '3'}}
    assert user.delete(path + '/metadata/c').status_code == 200
    assert user.get(path + '/metadata/c').status_code == 404
    assert user.put(path, {'volume': {}}).status_code == 400


def test_extend_grows_the_file_and_delete_removes_it(client,
                                                     volume_manager):
    user = client.as_(USER)
    volume = user.create_volume(size=1)
    user.wait_status(volume['id'], 'available')
    action = '/volumes/%s/action' % volume['id']
    assert user.post(action, {'os-extend': {'new_size': 1}}).status_code \
        == 400
    assert user.post(action, {'os-extend': {'new_size': 3}}).status_code \
        == 202
    done = user.wait_status(volume['id'], 'available')
    assert done['size'] == 3
    path = volume_manager.backend.local_path(volume['id'])
    assert os.stat(path).st_size == 3 * GiB
    assert user.delete('/volumes/%s' % volume['id']).status_code == 202
    user.wait_status(volume['id'], 'deleted')
    assert not os.path.exists(path)


def test_clone_copies_the_source(client, volume_manager):
    user = client.as_(USER)
    source = user.create_volume(size=1)
    user.wait_status(source['id'], 'available')
    with open(volume_manager.backend.local_path(source['id']), 'r+b') as f:
        f.write(b'marker')
    clone = user.create_volume(source_volid=source['id'], size=2)
    user.wait_status(clone['id'], 'available')
    with open(volume_manager.backend.local_path(clone['id']), 'rb') as f:
        assert f.read(6) == b'marker'
    assert user.create_volume(source_volid=source['id'], size=1,
                              expect=202)
    resp = user.post('/volumes', {'volume': {'source_volid': source['id'],
                                             'size': 0}})
    assert resp.status_code == 400


def test_bad_input_is_400_naming_the_field(client):
    user = client.as_(USER)
    for body, word in (({'size': 0}, 'size'), ({'size': 'ten'}, 'size'),
                       ({'size': 1, 'name': 'x' * 256}, 'name'),
                       ({'size': 1, 'metadata': {'k': 1}}, '1'),
                       ({'size': 1, 'availability_zone': 'mars'}, 'mars'),
                       ({'size': 1, 'volume_type': 'gold'}, 'gold'),
                       ({'size': 1, 'imageRef': 'abc'}, 'imageRef'),
                       ({}, 'size')):
        resp = user.post('/volumes', {'volume': body})
        assert resp.status_code in (400, 404), (body, resp.text)
        fault = resp.json().get('badRequest') or resp.json()['itemNotFound']
        assert word in fault['message'], (body, fault)
    resp = user.post('/volumes', None)
    assert resp.status_code == 400
    assert resp.json()['badRequest']['code'] == 400


def test_delete_refused_while_transitional_or_attached(client):
    user = client.as_(USER)
    volume = user.create_volume()
    user.wait_status(volume['id'], 'available')
    action = '/volumes/%s/action' % volume['id']
    reset = {'os-reset_status': {'status': 'extending'}}
    assert user.post(action, reset).status_code == 403  # the admin's
    assert client.post(action, reset).status_code == 202
    resp = user.delete('/volumes/%s' % volume['id'])
    assert resp.status_code == 400
    assert 'extending' in resp.json()['badRequest']['message']
    client.post(action, {'os-reset_status': {
        'status': 'available', 'attach_status': 'attached'}})
    resp = user.delete('/volumes/%s' % volume['id'])
    assert resp.status_code == 400
    assert 'attached' in resp.json()['badRequest']['message']
    client.post(action, {'os-reset_status': {'attach_status': 'detached'}})
    assert user.delete('/volumes/%s' % volume['id']).status_code == 202
    user.wait_status(volume['id'], 'deleted')


def test_url_of_another_project_is_400(client):
    resp = client.as_(USER).request('GET', '/v3/p2/volumes', raw=True)
    assert resp.status_code == 400
    assert resp.json()['badRequest']['message'].endswith(
        'Malformed request url')


def test_set_bootable_and_readonly(client):
    user = client.as_(USER)
    volume = user.create_volume()
    user.wait_status(volume['id'], 'available')
    action = '/volumes/%s/action' % volume['id']
    assert user.post(action, {'os-set_bootable': {
        'bootable': True}}).status_code == 200
    assert user.post(action, {'os-update_readonly_flag': {
        'readonly': True}}).status_code == 202
    shown = user.get('/volumes/%s' % volume['id']).json()['volume']
    assert shown['bootable'] == 'true'
    assert shown['metadata']['readonly'] == 'True'
    assert user.post(action, {'os-fly': {}}).status_code == 400
    assert user.post(action, {'os-set_bootable': {
        'bootable': 'maybe'}}).status_code == 400


def test_no_room_on_the_backend_is_error_with_a_message(client,
                                                        volume_manager):
    user = client.as_(USER)
    volume_manager.backend.reserved_percentage = 100
    volume = user.create_volume(size=1)
    user.wait_status(volume['id'], 'error')
    assert not os.path.exists(
        volume_manager.backend.local_path(volume['id']))
    [message] = user.at('3.3').get('/messages').json()['messages']
    assert message['resource_uuid'] == volume['id']
    assert 'Insufficient free space' in message['user_message']
    assert user.at('3.3').get('/messages/%s' % message['id']).json()[
        'message']['id'] == message['id']
    # The volume in error is deleted like any other.
    assert user.delete('/volumes/%s' % volume['id']).status_code == 202
    user.wait_status(volume['id'], 'deleted')


def test_no_room_to_extend_leaves_the_volume_available(client,
                                                       volume_manager):
    user = client.as_(USER)
    volume = user.create_volume(size=1)
    user.wait_status(volume['id'], 'available')
    volume_manager.backend.reserved_percentage = 100
    assert user.post('/volumes/%s/action' % volume['id'], {
        'os-extend': {'new_size': 2}}).status_code == 202
    done = user.wait_status(volume['id'], 'available')
    assert done['size'] == 1
    [message] = user.at('3.3').get('/messages').json()['messages']
    assert 'Extending the volume failed' in message['user_message']


class _RefusingRPC:
    """An RPC client whose broker refuses every cast."""

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise ConnectionError('broker down')
        return refuse


def test_a_refused_cast_ends_the_transition_with_a_message(
        volume_conf, volume_manager):
    refusing = fixtures.Client(wsgi.init_application(
        volume_conf, volume_rpcapi=_RefusingRPC())).as_(USER)
    volume = refusing.create_volume()
    assert volume['status'] == 'error'
    [message] = refusing.at('3.3').get('/messages').json()['messages']
    assert 'broker down' in message['user_message']


def test_offset_and_bad_paging(client):
    user = client.as_(USER)
    for i in range(3):
        user.create_volume(name='o%d' % i)
    assert [v['name'] for v in user.get(
        '/volumes?sort=name:asc&offset=1').json()['volumes']] == ['o1', 'o2']
    assert user.get('/volumes?offset=-1').status_code == 400
    assert user.get('/volumes?limit=x').status_code == 400
    assert user.get('/volumes?marker=nope').status_code == 400


def test_metadata_filter(client):
    user = client.as_(USER)
    user.create_volume(name='tagged', metadata={'env': 'prod'})
    user.create_volume(name='plain')
    names = [v['name'] for v in user.get(
        "/volumes/detail?metadata={'env': 'prod'}").json()['volumes']]
    assert names == ['tagged']
    assert user.get('/volumes?metadata=notadict').status_code == 400


def test_a_lost_cast_is_ended_by_the_periodic_check(client, volume_conf,
                                                    volume_manager):
    """A volume whose cast never arrived (a crash between the write and
    the cast) is moved to error by the manager's periodic check."""
    user = client.as_(USER)
    volume = user.create_volume()
    user.wait_status(volume['id'], 'available')
    volume_conf.set_override('transition_timeout', 1, 'volume')
    with volume_manager.db.writer() as session:
        volumes_mod.transition(session, volume['id'], ['available'],
                               'extending', new_size=5)
    volume_manager.periodic_tasks(None)  # too young yet
    assert user.get('/volumes/%s' % volume['id']).json()['volume'][
        'status'] == 'extending'
    time.sleep(1.1)
    volume_manager.periodic_tasks(None)
    done = user.wait_status(volume['id'], 'error_extending')
    assert done['size'] == 1
    [message] = user.at('3.3').get('/messages').json()['messages']
    assert 'extending for more than 1 seconds' in message['user_message']
