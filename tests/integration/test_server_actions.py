# SPDX-License-Identifier: Apache-2.0
"""Server actions across real daemons, RabbitMQ and a SQL server.

One server through its lifecycle, its console and its recorded actions.
"""

import pytest
import requests

from tests.integration import cloud as cloud_mod
from tools import openstack_services

pytestmark = pytest.mark.integration


@pytest.fixture(scope='module', params=['mysql', 'postgresql'])
def actions_cloud(request, tmp_path_factory, glance_noauth):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('actions-' + request.param)
    image = glance_noauth.create_image(
        'tiny', openstack_services.write_tiny_image(path / 'tiny.raw'))
    cloud = cloud_mod.Cloud(path, request.param)
    cloud.glance_url = glance_noauth.url
    try:
        cloud.create_databases()
        cloud.start_controller()
        cloud.start_compute('cmp1')
        cloud.wait_ready(5, ['cmp1'])
        # Up is not yet schedulable: cmp1 reports its inventory to
        # Placement on its first periodic run if Placement was not up yet.
        cloud_mod.wait_for(lambda: len(cloud.placement(
            '/resource_providers')['resource_providers']) == 1, 30,
            'cmp1 in Placement')
        cloud.image_id = image['id']
        _call(cloud, 'POST', '/flavors', {'flavor': {
            'name': 'm1.tiny', 'ram': 512, 'vcpus': 1, 'disk': 1,
            'id': '1'}}, token='admin:admin')
        yield cloud
    finally:
        cloud.destroy()


def _call(cloud, method, path, body=None, token='demo:demo'):
    response = requests.request(
        method, 'http://127.0.0.1:%d/v2.1%s' % (cloud.api_port, path),
        json=body, timeout=30,
        headers={'X-Auth-Token': token,
                 'OpenStack-API-Version': 'compute 2.100'})
    return response


def _wait(cloud, uuid, status):
    def done():
        server = _call(cloud, 'GET', '/servers/' + uuid).json()['server']
        return (server['status'] == status and
                server['OS-EXT-STS:task_state'] is None) and server
    return cloud_mod.wait_for(done, 60, 'server %s' % status)


def test_one_server_through_its_lifecycle(actions_cloud):
    cloud = actions_cloud
    response = _call(cloud, 'POST', '/servers', {'server': {
        'name': 'life', 'imageRef': cloud.image_id, 'flavorRef': '1',
        'networks': 'none'}})
    assert response.status_code == 202, response.text
    uuid = response.json()['server']['id']
    _wait(cloud, uuid, 'ACTIVE')
    requests_ids = []
    for body, status in (({'os-stop': None}, 'SHUTOFF'),
                         ({'os-start': None}, 'ACTIVE'),
                         ({'reboot': {'type': 'SOFT'}}, 'ACTIVE'),
                         ({'pause': None}, 'PAUSED'),
                         ({'unpause': None}, 'ACTIVE'),
                         ({'suspend': None}, 'SUSPENDED'),
                         ({'resume': None}, 'ACTIVE')):
        response = _call(cloud, 'POST', '/servers/%s/action' % uuid, body)
        assert response.status_code == 202, (body, response.text)
        requests_ids.append(response.headers['x-openstack-request-id'])
        _wait(cloud, uuid, status)
    response = _call(cloud, 'POST', '/servers/%s/action' % uuid,
                     {'os-start': None})
    assert response.status_code == 409
    assert response.json()['conflictingRequest']['message'] == (
        "Cannot 'start' instance %s while it is in vm_state active" % uuid)
    response = _call(cloud, 'POST', '/servers/%s/action' % uuid,
                     {'os-getConsoleOutput': {'length': 50}})
    assert response.status_code == 200
    assert response.json()['output'].count('Booting life') == 3
    actions = _call(cloud, 'GET', '/servers/%s/os-instance-actions'
                    % uuid).json()['instanceActions']
    assert [a['action'] for a in actions] == [
        'resume', 'suspend', 'unpause', 'pause', 'reboot', 'start', 'stop',
        'create']
    assert [a['request_id'] for a in actions[:7]] == requests_ids[::-1]
    action = _call(cloud, 'GET', '/servers/%s/os-instance-actions/%s'
                   % (uuid, requests_ids[0])).json()['instanceAction']
    [event] = action['events']
    assert (event['event'], event['result']) == ('compute_stop_instance',
                                                 'Success')
    assert _call(cloud, 'DELETE', '/servers/' + uuid).status_code == 204
    cloud_mod.wait_for(lambda: _call(cloud, 'GET', '/servers/' + uuid
                                     ).status_code == 404, 60, 'deleted')
