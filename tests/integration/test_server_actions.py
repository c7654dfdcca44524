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


# Hostile neighbours and input, through gunicorn and the real daemons
# (issue 21): another project's resources are as unknown ones, and input
# that cannot be text is a 400 with Nova's body.

def _boot(cloud, token='demo:demo', **extra):
    response = _call(cloud, 'POST', '/servers', {'server': dict({
        'name': 'iso', 'imageRef': cloud.image_id, 'flavorRef': '1',
        'networks': 'none'}, **extra)}, token=token)
    return response


def test_another_projects_group_and_server_are_as_unknown(actions_cloud):
    cloud = actions_cloud
    unknown = '6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'
    group = _call(cloud, 'POST', '/os-server-groups', {'server_group': {
        'name': 'g', 'policy': 'anti-affinity'}}).json()['server_group']
    server = _boot(cloud).json()['server']
    intruder = 'eve:other'
    hinted = _call(cloud, 'POST', '/servers', {
        'server': {'name': 'x', 'imageRef': cloud.image_id,
                   'flavorRef': '1', 'networks': 'none'},
        'os:scheduler_hints': {'group': group['id']}}, token=intruder)
    assert hinted.status_code == 400, hinted.text
    for method in ('GET', 'DELETE'):
        theirs = _call(cloud, method, '/os-server-groups/' + group['id'],
                       token=intruder)
        none = _call(cloud, method, '/os-server-groups/' + unknown,
                     token=intruder)
        assert (theirs.status_code, none.status_code) == (404, 404)
    theirs = _call(cloud, 'GET', '/servers?marker=' + server['id'],
                   token=intruder)
    none = _call(cloud, 'GET', '/servers?marker=' + unknown, token=intruder)
    assert (theirs.status_code, none.status_code) == (400, 400)
    assert theirs.json()['badRequest']['message'] == \
        none.json()['badRequest']['message'].replace(unknown, server['id'])
    members = _call(cloud, 'GET', '/os-server-groups/' + group['id'])
    assert members.json()['server_group']['members'] == []
    _wait(cloud, server['id'], 'ACTIVE')
    assert _call(cloud, 'DELETE', '/servers/' + server['id']
                 ).status_code == 204


def test_healthcheck_details_are_for_admins(actions_cloud):
    cloud = actions_cloud
    anonymous = cloud.healthcheck(compute_host='cmp1', token=None)
    assert (anonymous.status_code, anonymous.json()) == (200,
                                                         {'status': 'OK'})
    admin = cloud.healthcheck(compute_host='cmp1')
    assert admin.json()['rpc']['compute']['host'] == 'cmp1'


def test_input_that_cannot_be_text_is_400_through_gunicorn(actions_cloud):
    cloud = actions_cloud
    server = _boot(cloud, name='edge').json()['server']
    base = 'http://127.0.0.1:%d/v2.1' % cloud.api_port
    headers = {'X-Auth-Token': 'demo:demo',
               'OpenStack-API-Version': 'compute 2.100',
               'Content-Type': 'application/json'}
    for method, path, body in (
            ('PUT', '/servers/%s%%0a' % server['id'],
             b'{"server": {"name": "renamed"}}'),
            ('GET', '/servers/%ff%fe', None),
            ('DELETE', '/servers/%s%%00/metadata/x' % server['id'], None),
            ('POST', '/os-server-groups',
             b'{"server_group": {"name": "x\\udc00", "policy": "affinity"}}'),
            ('POST', '/os-server-groups', b'[' * 10000 + b']' * 10000)):
        response = requests.request(method, base + path, data=body,
                                    headers=headers, timeout=30)
        assert response.status_code == 400, (path, response.text)
        assert response.json()['badRequest']['code'] == 400
        assert response.headers['x-openstack-request-id']
    query = requests.get(base + '/servers?limit=%ED%A0%80', headers=headers,
                         timeout=30)
    assert query.status_code == 400
    shown = _call(cloud, 'GET', '/servers/' + server['id']).json()['server']
    assert shown['name'] == 'edge'
    _wait(cloud, server['id'], 'ACTIVE')
    assert _call(cloud, 'DELETE', '/servers/' + server['id']
                 ).status_code == 204
