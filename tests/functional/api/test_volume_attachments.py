# SPDX-License-Identifier: Apache-2.0
"""os-volume_attachments over the whole stack with a Block Storage stand-in.

The API, conductor, scheduler and a compute host with the fake driver
(the `live` cloud) attach and detach volumes of tests/fake_volume.py
through Cinder's attachments API: shapes per microversion, errors,
rollback of a failed attach, and what a server's delete does to its
volumes.
"""

import concurrent.futures

import pytest

from nova_like.clients import ksa
from nova_like import conf
from tests import fake_volume
from tests.functional.api.live import act
from tests.functional.api.live import boot
from tests.functional.api.live import server
from tests.functional.api.live import wait_status
from tests import waiters

CONF = conf.CONF
UNKNOWN = '6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'


@pytest.fixture
def cloud(live, tmp_path):
    standin = fake_volume.VolumeStandIn(tmp_path)
    CONF.set_override('endpoint_override', standin.url, 'cinder')
    ksa.reset()
    live.volumes = standin
    try:
        yield live
    finally:
        CONF.clear_override('endpoint_override', 'cinder')
        ksa.reset()
        standin.stop()


def _path(uuid, volume_id=None):
    path = '/v2.1/servers/%s/os-volume_attachments' % uuid
    return path + '/' + volume_id if volume_id else path


def _attach(client, uuid, volume_id, expect=200, **extra):
    body = {'volumeAttachment': dict(volumeId=volume_id, **extra)}
    response = client.post(_path(uuid), body)
    assert response.status_int == expect, response.body
    return response.json_body_or_none


def _wait_volume(cloud, volume_id, status):
    waiters.wait_for(lambda: cloud.volumes.volumes[volume_id]['status'],
                     what='volume %s %s' % (volume_id, status),
                     until=lambda s: s == status, interval=0.02)


def _actions(client, uuid):
    return [a['action'] for a in client.get(
        '/v2.1/servers/%s/os-instance-actions' % uuid
    ).json_body_or_none['instanceActions']]


def _events(client, uuid, action):
    actions = client.get('/v2.1/servers/%s/os-instance-actions' % uuid,
                         version='2.51').json_body_or_none['instanceActions']
    request_id = next(a['request_id'] for a in actions
                      if a['action'] == action)
    return client.get('/v2.1/servers/%s/os-instance-actions/%s' % (
        uuid, request_id), version='2.51').json_body_or_none[
            'instanceAction']['events']


def test_attach_list_show_detach_with_nova_shapes(cloud):
    uuid = boot(cloud.alice)
    volume_id = cloud.volumes.create_volume('proj-a')
    body = _attach(cloud.alice, uuid, volume_id, tag='data',
                   delete_on_termination=True)
    assert body == {'volumeAttachment': {
        'id': volume_id, 'serverId': uuid, 'volumeId': volume_id,
        'device': '/dev/vdb', 'tag': 'data', 'delete_on_termination': True}}
    _wait_volume(cloud, volume_id, 'in-use')
    # What the guest got: the stand-in's 'local' connection for the file.
    disk = cloud.driver.guest(uuid)['volumes']['/dev/vdb']
    assert disk['connection_info']['driver_volume_type'] == 'local'
    assert disk['connection_info']['data']['device_path'] == \
        cloud.volumes.volumes[volume_id]['path']
    [attachment] = cloud.volumes.attachments.values()
    # The REST calls, in Nova's order, each at 3.44.
    assert cloud.volumes.calls() == [
        ('GET', 'volumes/' + volume_id), ('POST', 'attachments'),
        ('PUT', 'attachments/' + attachment['id']),
        ('POST', 'attachments/%s/action' % attachment['id'])]
    assert {r['version'] for r in cloud.volumes.requests} == \
        {'volume 3.44'}
    first, update, complete = (cloud.volumes.requests[i]['body']
                               for i in (1, 2, 3))
    assert first == {'attachment': {'volume_uuid': volume_id,
                                    'instance_uuid': uuid}}
    assert update['attachment']['connector']['host'] == 'cmp1'
    assert update['attachment']['connector']['mountpoint'] == '/dev/vdb'
    assert complete == {'os-complete': None}
    assert attachment['connector']['initiator']

    one = cloud.alice.get(_path(uuid, volume_id), version='2.1')
    assert one.json_body_or_none == {'volumeAttachment': {
        'id': volume_id, 'serverId': uuid, 'volumeId': volume_id,
        'device': '/dev/vdb'}}
    assert cloud.alice.get(_path(uuid), version='2.79').json_body_or_none \
        == {'volumeAttachments': [{
            'id': volume_id, 'serverId': uuid, 'volumeId': volume_id,
            'device': '/dev/vdb', 'tag': 'data',
            'delete_on_termination': True}]}
    latest = cloud.alice.get(_path(uuid, volume_id)).json_body_or_none
    assert latest['volumeAttachment'] == {
        'serverId': uuid, 'volumeId': volume_id, 'device': '/dev/vdb',
        'tag': 'data', 'delete_on_termination': True,
        'attachment_id': attachment['id'],
        'bdm_uuid': latest['volumeAttachment']['bdm_uuid']}
    assert server(cloud.alice, uuid)[
        'os-extended-volumes:volumes_attached'] == [
            {'id': volume_id, 'delete_on_termination': True}]
    assert server(cloud.alice, uuid, version='2.1')[
        'os-extended-volumes:volumes_attached'] == [{'id': volume_id}]
    detail = cloud.alice.get('/v2.1/servers/detail').json_body_or_none
    assert detail['servers'][0]['os-extended-volumes:volumes_attached'] \
        == [{'id': volume_id, 'delete_on_termination': True}]

    response = cloud.alice.delete(_path(uuid, volume_id))
    assert response.status_int == 202, response.body
    _wait_volume(cloud, volume_id, 'available')
    waiters.wait_for(lambda: cloud.alice.get(_path(uuid)).json_body_or_none[
        'volumeAttachments'] == [], what='the attachment to go')
    assert cloud.driver.guest(uuid)['volumes'] == {}
    assert cloud.volumes.attachments == {}
    assert server(cloud.alice, uuid)[
        'os-extended-volumes:volumes_attached'] == []
    assert {'attach_volume', 'detach_volume'} <= set(
        _actions(cloud.alice, uuid))
    events = _events(cloud.alice, uuid, 'attach_volume')
    assert [(e['event'], e['result']) for e in events] == [
        ('compute_attach_volume', 'Success')]


def test_attach_errors_as_nova(cloud):
    uuid = boot(cloud.alice)
    volume_id = cloud.volumes.create_volume('proj-a')
    bobs = cloud.volumes.create_volume('proj-b')
    body = _attach(cloud.alice, uuid, UNKNOWN, expect=404)
    assert body['itemNotFound']['message'] == \
        'Volume %s could not be found.' % UNKNOWN
    _attach(cloud.alice, uuid, bobs, expect=404)
    _attach(cloud.alice, uuid, volume_id)
    _wait_volume(cloud, volume_id, 'in-use')
    body = _attach(cloud.alice, uuid, volume_id, expect=400)
    assert body['badRequest']['message'] == \
        'Invalid volume: volume %s already attached' % volume_id
    # In use by another server: the volume service's refusal.
    other = boot(cloud.alice, name='other')
    body = _attach(cloud.alice, other, volume_id, expect=400)
    assert 'current status is in-use' in body['badRequest']['message']
    # Bodies are checked per microversion.
    for version, extra in (('2.48', {'tag': 't'}),
                           ('2.78', {'delete_on_termination': True})):
        response = cloud.alice.post(_path(uuid), {'volumeAttachment': dict(
            volumeId=volume_id, **extra)}, version=version)
        assert response.status_int == 400, (version, response.body)
    response = cloud.alice.post(_path(uuid), {'volumeAttachment': {}})
    assert response.status_int == 400
    assert 'volumeId' in response.json_body_or_none['badRequest']['message']
    # Not attached: 404.
    free = cloud.volumes.create_volume('proj-a')
    assert cloud.alice.get(_path(uuid, free)).status_int == 404
    assert cloud.alice.delete(_path(uuid, free)).status_int == 404
    assert cloud.alice.delete(_path(uuid, UNKNOWN)).status_int == 404
    # bob does not see alice's server at all.
    assert cloud.bob.get(_path(uuid)).status_int == 404


def test_locked_or_suspended_server_is_409(cloud):
    uuid = boot(cloud.alice)
    volume_id = cloud.volumes.create_volume('proj-a')
    assert act(cloud.admin, uuid, {'lock': None}).status_int == 202
    body = _attach(cloud.alice, uuid, volume_id, expect=409)
    assert body['conflictingRequest']['message'] == \
        'Instance %s is locked' % uuid
    assert act(cloud.admin, uuid, {'unlock': None}).status_int == 202
    assert act(cloud.alice, uuid, {'suspend': None}).status_int == 202
    wait_status(cloud.alice, uuid, 'SUSPENDED')
    body = _attach(cloud.alice, uuid, volume_id, expect=409)
    assert 'vm_state suspended' in body['conflictingRequest']['message']
    # Nothing was reserved by the refusals.
    assert cloud.volumes.attachments == {}
    assert cloud.volumes.volumes[volume_id]['status'] == 'available'


def test_failed_attachment_update_is_rolled_back(cloud):
    uuid = boot(cloud.alice)
    volume_id = cloud.volumes.create_volume('proj-a')
    cloud.volumes.fail[('PUT', r'attachments/')] = (
        500, 'The backend could not export the volume.')
    _attach(cloud.alice, uuid, volume_id)
    _wait_volume(cloud, volume_id, 'available')
    waiters.wait_for(lambda: cloud.alice.get(_path(uuid)).json_body_or_none[
        'volumeAttachments'] == [], what='the mapping to go')
    assert cloud.volumes.attachments == {}
    assert ('DELETE', 'attachments/') in [
        (m, p[:len('attachments/')]) for m, p in cloud.volumes.calls()]
    assert cloud.driver.guest(uuid).get('volumes', {}) == {}
    body = wait_status(cloud.alice, uuid, 'ACTIVE')
    assert body['os-extended-volumes:volumes_attached'] == []
    [event] = waiters.wait_for(
        lambda: _events(cloud.alice, uuid, 'attach_volume'),
        what='the event', until=lambda e: e and e[0].get('result'))
    assert event['result'] == 'Error'
    # The volume can be attached once the service works again.
    cloud.volumes.fail.clear()
    _attach(cloud.alice, uuid, volume_id)
    _wait_volume(cloud, volume_id, 'in-use')


def test_connection_the_host_cannot_attach_is_rolled_back(cloud):
    uuid = boot(cloud.alice)
    volume_id = cloud.volumes.create_volume('proj-a')
    cloud.volumes.kind = 'rbd'
    _attach(cloud.alice, uuid, volume_id)
    [event] = waiters.wait_for(
        lambda: _events(cloud.alice, uuid, 'attach_volume'),
        what='the event', until=lambda e: e and e[0].get('result'))
    assert event['result'] == 'Error'
    _wait_volume(cloud, volume_id, 'available')
    assert cloud.volumes.attachments == {}
    assert cloud.alice.get(_path(uuid)).json_body_or_none[
        'volumeAttachments'] == []
    # Never completed: the volume service was not told it is in use.
    assert not any(p.endswith('/action') for _, p in cloud.volumes.calls())


def test_delete_on_termination_updated_at_2_85_and_swap_refused(cloud):
    uuid = boot(cloud.alice)
    volume_id = cloud.volumes.create_volume('proj-a')
    other = cloud.volumes.create_volume('proj-a')
    _attach(cloud.alice, uuid, volume_id)
    _wait_volume(cloud, volume_id, 'in-use')
    put = {'volumeAttachment': {'volumeId': volume_id,
                                'delete_on_termination': True}}
    assert cloud.alice.put(_path(uuid, volume_id), put,
                           version='2.84').status_int == 400
    response = cloud.alice.put(_path(uuid, volume_id), put, version='2.85')
    assert response.status_int == 202, response.body
    assert cloud.alice.get(_path(uuid, volume_id)).json_body_or_none[
        'volumeAttachment']['delete_on_termination'] is True
    same = {'volumeAttachment': {'volumeId': volume_id,
                                 'device': '/dev/vdc'}}
    assert cloud.alice.put(_path(uuid, volume_id), same,
                           version='2.85').status_int == 400
    swap = {'volumeAttachment': {'volumeId': other}}
    assert cloud.alice.put(_path(uuid, volume_id), swap).status_int == 403
    response = cloud.admin.put(_path(uuid, volume_id), swap)
    assert response.status_int == 409
    assert 'not supported yet' in \
        response.json_body_or_none['conflictingRequest']['message']


def test_server_delete_detaches_and_deletes_marked_volumes(cloud):
    uuid = boot(cloud.alice)
    keep = cloud.volumes.create_volume('proj-a', name='keep')
    drop = cloud.volumes.create_volume('proj-a', name='drop')
    _attach(cloud.alice, uuid, keep)
    _attach(cloud.alice, uuid, drop, delete_on_termination=True)
    _wait_volume(cloud, keep, 'in-use')
    _wait_volume(cloud, drop, 'in-use')
    assert cloud.alice.delete('/v2.1/servers/' + uuid).status_int == 204
    waiters.wait_for(lambda: cloud.alice.get(
        '/v2.1/servers/' + uuid).status_int == 404, what='the delete')
    assert cloud.volumes.attachments == {}
    assert cloud.volumes.volumes[keep]['status'] == 'available'
    assert drop not in cloud.volumes.volumes
    assert ('DELETE', 'volumes/' + drop) in cloud.volumes.calls()


def test_concurrent_attaches_get_distinct_devices(cloud):
    uuid = boot(cloud.alice)
    volumes = [cloud.volumes.create_volume('proj-a') for _ in range(6)]
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        bodies = list(pool.map(
            lambda v: _attach(cloud.alice, uuid, v), volumes))
    devices = [b['volumeAttachment']['device'] for b in bodies]
    assert sorted(devices) == ['/dev/vd' + c for c in 'bcdefg']
    for volume_id in volumes:
        _wait_volume(cloud, volume_id, 'in-use')
    assert sorted(cloud.driver.guest(uuid)['volumes']) == sorted(devices)


def test_delete_with_the_host_down_releases_volumes_from_the_api(cloud):
    uuid = boot(cloud.alice)
    keep = cloud.volumes.create_volume('proj-a')
    drop = cloud.volumes.create_volume('proj-a')
    _attach(cloud.alice, uuid, keep)
    _attach(cloud.alice, uuid, drop, delete_on_termination=True)
    _wait_volume(cloud, keep, 'in-use')
    _wait_volume(cloud, drop, 'in-use')
    response = cloud.admin.put('/v2.1/os-services/force-down', {
        'host': 'cmp1', 'binary': 'nova-like-compute', 'forced_down': True},
        version='2.11')
    assert response.status_int == 200, response.body
    assert cloud.alice.delete('/v2.1/servers/' + uuid).status_int == 204
    assert cloud.alice.get('/v2.1/servers/' + uuid).status_int == 404
    assert cloud.volumes.attachments == {}
    assert cloud.volumes.volumes[keep]['status'] == 'available'
    assert drop not in cloud.volumes.volumes


def test_one_volume_raced_onto_two_servers_goes_to_one(cloud):
    first, second = boot(cloud.alice, name='a'), boot(cloud.alice, name='b')
    volume_id = cloud.volumes.create_volume('proj-a')
    body = {'volumeAttachment': {'volumeId': volume_id}}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(
            lambda uuid: cloud.alice.post(_path(uuid), body).status_int,
            (first, second)))
    assert sorted(answers) == [200, 400]
    _wait_volume(cloud, volume_id, 'in-use')
    assert len(cloud.volumes.attachments) == 1
    attached = [uuid for uuid in (first, second) if cloud.alice.get(
        _path(uuid)).json_body_or_none['volumeAttachments']]
    assert len(attached) == 1
