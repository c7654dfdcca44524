# SPDX-License-Identifier: Apache-2.0
"""Volume attach and detach across real daemons, RabbitMQ and PostgreSQL.

The API under its WSGI server, compute RPC 1.4 over RabbitMQ, the block
device mappings reached by the compute host through the conductor; the
volume service is the Block Storage stand-in (tests/fake_volume.py) on
loopback, which both the API and the compute daemon call. The fake
driver runs the guest; tests/integration/libvirt/test_volume_attach.py
has a real one.
"""

import pytest
import requests

from tests import fake_volume
from tests.integration import cloud as cloud_mod
from tools import openstack_services

pytestmark = pytest.mark.integration


@pytest.fixture(scope='module')
def volume_cloud(tmp_path_factory, glance_noauth):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('volumes')
    image = glance_noauth.create_image(
        'tiny', openstack_services.write_tiny_image(path / 'tiny.raw'))
    standin = fake_volume.VolumeStandIn(path)
    cinder = '\n[cinder]\nendpoint_override = %s\n' % standin.url
    cloud = cloud_mod.Cloud(path, 'postgresql', conductor_conf=cinder)
    cloud.glance_url = glance_noauth.url
    try:
        cloud.create_databases()
        cloud.start_controller()
        cloud.start_compute('cmp1', extra_conf=cinder)
        cloud.wait_ready(5, ['cmp1'])
        cloud.image_id = image['id']
        cloud.volumes = standin
        _call(cloud, 'POST', '/flavors', {'flavor': {
            'name': 'm1.tiny', 'ram': 512, 'vcpus': 1, 'disk': 1,
            'id': '1'}}, token='admin:admin')
        yield cloud
    finally:
        cloud.destroy()
        standin.stop()


def _call(cloud, method, path, body=None, token='demo:demo'):
    return requests.request(
        method, 'http://127.0.0.1:%d/v2.1%s' % (cloud.api_port, path),
        json=body, timeout=30,
        headers={'X-Auth-Token': token,
                 'OpenStack-API-Version': 'compute 2.100'})


def _server(cloud, uuid):
    return _call(cloud, 'GET', '/servers/' + uuid).json()['server']


def test_attach_detach_and_delete_across_daemons(volume_cloud):
    cloud = volume_cloud
    response = _call(cloud, 'POST', '/servers', {'server': {
        'name': 'vol', 'imageRef': cloud.image_id, 'flavorRef': '1',
        'networks': 'none'}})
    assert response.status_code == 202, response.text
    uuid = response.json()['server']['id']
    cloud_mod.wait_for(lambda: _server(cloud, uuid)['status'] == 'ACTIVE',
                       60, 'server ACTIVE')
    keep = cloud.volumes.create_volume('demo')
    drop = cloud.volumes.create_volume('demo')
    path = '/servers/%s/os-volume_attachments' % uuid
    for volume_id, dot in ((keep, False), (drop, True)):
        response = _call(cloud, 'POST', path, {'volumeAttachment': {
            'volumeId': volume_id, 'delete_on_termination': dot}})
        assert response.status_code == 200, response.text
    devices = {a['volumeId']: a['device'] for a in _call(
        cloud, 'GET', path).json()['volumeAttachments']}
    assert devices == {keep: '/dev/vdb', drop: '/dev/vdc'}
    cloud_mod.wait_for(
        lambda: {cloud.volumes.volumes[v]['status'] for v in (keep, drop)}
        == {'in-use'}, 30, 'both volumes in-use')
    connectors = [a['connector']['host']
                  for a in cloud.volumes.attachments.values()]
    assert connectors == ['cmp1', 'cmp1']
    assert _server(cloud, uuid)['os-extended-volumes:volumes_attached'] == [
        {'id': keep, 'delete_on_termination': False},
        {'id': drop, 'delete_on_termination': True}]

    assert _call(cloud, 'DELETE', '%s/%s' % (path, keep)).status_code == 202
    cloud_mod.wait_for(
        lambda: cloud.volumes.volumes[keep]['status'] == 'available', 30,
        'the detached volume available')
    assert [a['volumeId'] for a in _call(cloud, 'GET', path).json()[
        'volumeAttachments']] == [drop]

    assert _call(cloud, 'DELETE', '/servers/' + uuid).status_code == 204
    cloud_mod.wait_for(lambda: drop not in cloud.volumes.volumes, 30,
                       'the delete_on_termination volume deleted')
    assert cloud.volumes.attachments == {}
    assert keep in cloud.volumes.volumes
