# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/attachments through the app, RPC calls over fake:// and
the real manager: the flow Nova drives, the states, races, deadlines and
isolation. (The iSCSI export with a real tgtd is in tests/integration.)"""

import datetime
import threading

from nova_like.volume import deadlines
from nova_like.volume.db import models
from tests.functional.volume import fixtures
from tests.functional.volume import schemas

USER = 'alice:p1'
OTHER = 'bob:p2'
SERVER = '8a4f3c2e-52d1-4b43-9a55-0a0d6c1f1e01'
SERVER2 = '8a4f3c2e-52d1-4b43-9a55-0a0d6c1f1e02'
CONNECTOR = {'host': fixtures.HOST, 'ip': '127.0.0.1',
             'initiator': 'iqn.2008-11.org.linux-kvm:volhost',
             'multipath': False, 'mountpoint': '/dev/vdb'}
SUMMARY = {'id', 'status', 'instance', 'volume_id'}
DETAIL = SUMMARY | {'attached_at', 'detached_at', 'attach_mode',
                    'connection_info'}


def _volume(user, **body):
    volume = user.create_volume(**body)
    return user.wait_status(volume['id'], 'available')


def _attach(user, volume_id, server=SERVER, connector=None, expect=200):
    body = {'volume_uuid': volume_id, 'instance_uuid': server}
    if connector is not None:
        body['connector'] = connector
    resp = user.post('/attachments', {'attachment': body})
    assert resp.status_code == expect, resp.text
    return resp.json().get('attachment', resp.json())


def test_create_update_complete_delete_as_nova_does(client, volume_manager):
    user = client.as_(USER).at('3.44')
    volume = _volume(user)
    attachment = schemas.check_attachment(_attach(user, volume['id']))
    assert set(attachment) == DETAIL
    assert attachment['status'] == 'reserved'
    assert attachment['instance'] == SERVER
    assert attachment['connection_info'] == {}
    assert attachment['attach_mode'] == 'rw'
    assert user.get('/volumes/%s' % volume['id']).json()['volume'][
        'status'] == 'reserved'

    resp = user.put('/attachments/%s' % attachment['id'],
                    {'attachment': {'connector': CONNECTOR}})
    assert resp.status_code == 200, resp.text
    updated = schemas.check_attachment(resp.json()['attachment'])
    assert updated['status'] == 'attaching'
    # Flat, as Cinder's attachments show it (Nova nests 'data' again).
    assert updated['connection_info'] == {
        'driver_volume_type': 'local', 'attachment_id': attachment['id'],
        'device_path': volume_manager.backend.local_path(volume['id']),
        'volume_id': volume['id'], 'format': 'raw', 'access_mode': 'rw'}
    shown = user.get('/volumes/%s' % volume['id']).json()['volume']
    assert shown['status'] == 'attaching' and shown['attachments'] == []

    # os-complete is 3.44: at 3.27 the route is not there.
    assert user.at('3.27').post('/attachments/%s/action' % attachment['id'],
                                {'os-complete': None}).status_code == 404
    resp = user.post('/attachments/%s/action' % attachment['id'],
                     {'os-complete': None})
    assert resp.status_code == 204 and resp.text == ''
    shown = schemas.check_volume_attachments(schemas.check_volume(
        user.get('/volumes/%s' % volume['id']).json()['volume']))
    assert shown['status'] == 'in-use'
    [held] = shown['attachments']
    assert held['attachment_id'] == attachment['id']
    assert held['server_id'] == SERVER
    assert held['host_name'] == fixtures.HOST
    assert held['device'] == '/dev/vdb' and held['attached_at']
    got = schemas.check_attachment(user.get(
        '/attachments/%s' % attachment['id']).json()['attachment'])
    assert got['status'] == 'attached' and got['attached_at']
    # Deleting the volume while attached is refused.
    assert user.delete('/volumes/%s' % volume['id']).status_code == 400

    resp = user.delete('/attachments/%s' % attachment['id'])
    assert resp.status_code == 200, resp.text
    assert resp.json() == {'attachments': []}
    shown = user.get('/volumes/%s' % volume['id']).json()['volume']
    assert shown['status'] == 'available' and shown['attachments'] == []
    assert user.get('/attachments/%s' % attachment['id']).status_code == 404


def test_create_with_a_connector_answers_the_connection(client):
    user = client.as_(USER).at('3.44')
    volume = _volume(user)
    attachment = _attach(user, volume['id'], connector=CONNECTOR)
    assert attachment['status'] == 'attaching'
    assert attachment['connection_info']['driver_volume_type'] == 'local'
    assert user.get('/volumes/%s' % volume['id']).json()['volume'][
        'status'] == 'attaching'


def test_a_second_attachment_of_a_volume_is_400_as_cinder(client):
    user = client.as_(USER).at('3.44')
    volume = _volume(user)
    _attach(user, volume['id'])
    refused = _attach(user, volume['id'], server=SERVER2, expect=400)
    assert refused['badRequest']['message'] == (
        'Invalid volume: Volume %s status must be available or downloading '
        'to reserve, but the current status is reserved.' % volume['id'])
    # The same server may attach it again (Nova moving it to a host).
    _attach(user, volume['id'], server=SERVER)


def test_two_concurrent_creates_of_one_volume_one_wins(client):
    user = client.as_(USER).at('3.44')
    for _ in range(3):
        volume = _volume(user)
        barrier = threading.Barrier(2)
        codes = []

        def create(server, barrier=barrier, codes=codes, volume=volume):
            barrier.wait()
            codes.append(user.post('/attachments', {'attachment': {
                'volume_uuid': volume['id'],
                'instance_uuid': server}}).status_code)

        threads = [threading.Thread(target=create, args=(s,))
                   for s in (SERVER, SERVER2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(codes) == [200, 400]
        listed = user.get('/attachments?volume_id=%s' % volume['id']).json()
        assert len(listed['attachments']) == 1


def test_multiattach_volume_stays_in_use_until_the_last_goes(client):
    user = client.as_(USER).at('3.44')
    volume = _volume(user, multiattach=True)
    ids = []
    for server in (SERVER, SERVER2):
        attachment = _attach(user, volume['id'], server=server,
                             connector=CONNECTOR)
        user.post('/attachments/%s/action' % attachment['id'],
                  {'os-complete': None})
        ids.append(attachment['id'])
    shown = user.get('/volumes/%s' % volume['id']).json()['volume']
    assert shown['status'] == 'in-use' and len(shown['attachments']) == 2
    left = user.delete('/attachments/%s' % ids[0]).json()['attachments']
    assert [a['id'] for a in left] == [ids[1]]
    assert set(left[0]) == SUMMARY
    assert user.get('/volumes/%s' % volume['id']).json()['volume'][
        'status'] == 'in-use'
    user.delete('/attachments/%s' % ids[1])
    assert user.get('/volumes/%s' % volume['id']).json()['volume'][
        'status'] == 'available'


def test_list_filters_and_another_projects_attachment_is_404(client):
    user = client.as_(USER).at('3.44')
    other = client.as_(OTHER).at('3.44')
    volume = _volume(user)
    attachment = _attach(user, volume['id'], connector=CONNECTOR)
    listed = user.get('/attachments').json()['attachments']
    assert [set(a) for a in listed] == [SUMMARY]
    detail = user.get('/attachments/detail?instance_id=%s' % SERVER).json()
    [row] = detail['attachments']
    assert row['connection_info']['driver_volume_type'] == 'local'
    assert user.get('/attachments?instance_id=%s' % SERVER2).json()[
        'attachments'] == []
    for call in (lambda p: other.get(p), lambda p: other.delete(p),
                 lambda p: other.put(p, {'attachment': {
                     'connector': CONNECTOR}}),
                 lambda p: other.post(p + '/action', {'os-complete': None})):
        resp = call('/attachments/%s' % attachment['id'])
        assert resp.status_code == 404, resp.text
        assert 'itemNotFound' in resp.json()
    assert other.get('/attachments').json()['attachments'] == []
    assert _attach(other, volume['id'], expect=404)['itemNotFound']
    admin = client.at('3.44')
    assert admin.get('/attachments').json()['attachments'] == []
    assert [a['id'] for a in admin.get(
        '/attachments?all_tenants=1').json()['attachments']] == [
        attachment['id']]
    # The admin sees it by id, and nothing of it is left to bob.
    assert admin.get('/attachments/%s' % attachment['id']).status_code == 200


def test_bad_input_is_400_naming_it(client):
    user = client.as_(USER).at('3.44')
    volume = _volume(user)
    resp = user.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'bogus': 1}})
    assert resp.status_code == 400 and 'bogus' in resp.text
    attachment = _attach(user, volume['id'])
    resp = user.put('/attachments/%s' % attachment['id'],
                    {'attachment': {'connector': {'host': 'elsewhere'}}})
    assert resp.status_code == 400
    assert resp.json()['badRequest']['message'] == (
        "Invalid input received: the connector of host elsewhere has no "
        "'initiator': an iSCSI export (the volume is on host volhost) needs "
        "the initiator name that may log in.")
    resp = user.post('/attachments/%s/action' % attachment['id'],
                     {'os-complete': None})
    assert resp.status_code == 400
    assert 'reserved' in resp.json()['badRequest']['message']
    resp = user.post('/attachments/%s/action' % attachment['id'],
                     {'os-terminate': {}})
    assert resp.status_code == 400
    resp = user.post('/volumes/%s/action' % volume['id'],
                     {'os-initialize_connection': {'connector': {}}})
    assert resp.status_code == 400
    assert 'os-initialize_connection is not supported' in resp.text


def test_qcow2_volumes_attach_locally_but_not_over_iscsi(
        client, volume_manager):
    volume_manager.backend.file_format = 'qcow2'
    try:
        user = client.as_(USER).at('3.44')
        volume = _volume(user)
        attachment = _attach(user, volume['id'])
        resp = user.put('/attachments/%s' % attachment['id'], {
            'attachment': {'connector': dict(CONNECTOR, host='compute2')}})
        assert resp.status_code == 400
        assert 'only raw volumes' in resp.json()['badRequest']['message']
        resp = user.put('/attachments/%s' % attachment['id'],
                        {'attachment': {'connector': CONNECTOR}})
        assert resp.json()['attachment']['connection_info'][
            'format'] == 'qcow2'
    finally:
        volume_manager.backend.file_format = 'raw'


def _age(volume_manager, attachment_id, seconds):
    with volume_manager.db.writer() as session:
        row = session.get(models.VolumeAttachment, attachment_id)
        row.status_changed_at -= datetime.timedelta(seconds=seconds)


def test_deadlines_end_stuck_attachments(client, volume_manager):
    user = client.as_(USER).at('3.44')
    reserved_volume = _volume(user)
    attaching_volume = _volume(user)
    reserved = _attach(user, reserved_volume['id'])
    attaching = _attach(user, attaching_volume['id'], connector=CONNECTOR)
    assert deadlines.sweep_attachments(volume_manager) == []
    _age(volume_manager, reserved['id'], 3601)
    _age(volume_manager, attaching['id'], 601)
    moved = sorted(deadlines.sweep_attachments(volume_manager))
    assert moved == sorted([(reserved['id'], 'reserved', 'deleted'),
                            (attaching['id'], 'attaching',
                             'error_attaching')])
    assert user.get('/attachments/%s' % reserved['id']).status_code == 404
    assert user.get('/attachments/%s' % attaching['id']).json()[
        'attachment']['status'] == 'error_attaching'
    for volume in (reserved_volume, attaching_volume):
        assert user.get('/volumes/%s' % volume['id']).json()['volume'][
            'status'] == 'available'
    messages = user.get('/messages').json()['messages']
    assert any('attachment_timeout' in m['user_message'] for m in messages)
    # The volume is available but its error_attaching attachment holds
    # it until deleted, as any other.
    resp = user.delete('/volumes/%s' % attaching_volume['id'])
    assert resp.status_code == 400
    assert 'attachment(s) %s' % attaching['id'] in resp.text
    assert user.delete('/attachments/%s' % attaching['id']).json() == {
        'attachments': []}


def test_a_detach_whose_call_was_lost_is_finished_by_the_deadline(
        client, volume_manager):
    user = client.as_(USER).at('3.44')
    volume = _volume(user)
    attachment = _attach(user, volume['id'], connector=CONNECTOR)
    with volume_manager.db.writer() as session:
        from nova_like.volume import attachments
        attachments.begin_detaching(session, attachment['id'])
    assert user.get('/volumes/%s' % volume['id']).json()['volume'][
        'status'] == 'detaching'
    _age(volume_manager, attachment['id'], 601)
    assert deadlines.sweep_attachments(volume_manager) == [
        (attachment['id'], 'detaching', 'deleted')]
    assert user.get('/volumes/%s' % volume['id']).json()['volume'][
        'status'] == 'available'


def test_instances_attachments_for_the_audit(client, volume_manager):
    user = client.as_(USER).at('3.44')
    volume = _volume(user)
    attachment = _attach(user, volume['id'])
    found = volume_manager.get_attachments_by_instance(None)
    assert found == {SERVER: [[attachment['id'], fixtures.HOST]]}
    assert volume_manager.attachment_delete(None, attachment['id']) is True
    assert volume_manager.attachment_delete(None, attachment['id']) is False
    assert volume_manager.get_attachments_by_instance(None) == {}
