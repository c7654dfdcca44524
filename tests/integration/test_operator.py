# SPDX-License-Identifier: Apache-2.0
"""Operator APIs on real daemons.

Concurrent anti-affinity boots never share a host; a disabled service gets
no new servers.
"""

import concurrent.futures

import pytest
import requests

from tests import factories
from tests.integration import test_boot
from tools import openstack_services

pytestmark = pytest.mark.integration


@pytest.fixture(scope='module')
def three_hosts(backbone, glance_noauth, tmp_path_factory):
    path = tmp_path_factory.mktemp('operator-image')
    image = glance_noauth.create_image(
        'tiny', openstack_services.write_tiny_image(path / 'tiny.raw'))
    backbone.glance_url = glance_noauth.url
    backbone.image_id = image['id']
    # The backbone's API was started without [glance]: restart it with it.
    backbone.write_configs()
    backbone.stop('api')
    backbone.start('api', 'nova-like-api', backbone.controller_conf)
    backbone.start_compute('cmp3')
    backbone.wait_ready(7, ['cmp1', 'cmp2', 'cmp3'])
    conn = backbone.connect('admin:admin')
    if not conn.compute.find_flavor('1'):
        conn.compute.create_flavor(name='m1.tiny', ram=512, vcpus=1, disk=1,
                                   id='1')
    yield backbone
    backbone.stop('compute-cmp3')


def _api(cloud, method, path, body=None):
    response = requests.request(
        method, 'http://127.0.0.1:%d/v2.1%s' % (cloud.api_port, path),
        json=body, timeout=60,
        headers={'X-Auth-Token': 'admin:admin',
                 'OpenStack-API-Version': 'compute 2.100'})
    return response


def _boot(cloud, name, group=None):
    response = _api(cloud, 'POST', '/servers', factories.server_body(
        name, hints={'group': group} if group else None,
        imageRef=cloud.image_id))
    assert response.status_code == 202, response.text
    return response.json()['server']['id']


def test_concurrent_anti_affinity_boots_never_share_a_host(three_hosts):
    cloud = three_hosts
    group = _api(cloud, 'POST', '/os-server-groups', {'server_group': {
        'name': 'spread', 'policy': 'anti-affinity'}}).json()['server_group']
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        ids = list(pool.map(lambda i: _boot(cloud, 'spread-%d' % i,
                                            group['id']), range(3)))
    conn = cloud.connect('admin:admin')
    servers = test_boot._wait_status(conn, ids, 'ACTIVE', timeout=90)
    assert len({s.compute_host for s in servers}) == 3
    fourth = _boot(cloud, 'spread-3', group['id'])
    [failed] = test_boot._wait_status(conn, [fourth], 'ERROR', timeout=60)
    assert 'anti-affinity' in failed.fault['message']
    for uuid in ids + [fourth]:
        conn.compute.delete_server(uuid)


def test_disabled_service_gets_no_new_servers(three_hosts):
    cloud = three_hosts
    services = _api(cloud, 'GET', '/os-services?host=cmp1').json()['services']
    service_id = services[0]['id']
    assert _api(cloud, 'PUT', '/os-services/%s' % service_id,
                {'status': 'disabled'}).status_code == 200
    try:
        ids = [_boot(cloud, 'off-%d' % i) for i in range(4)]
        conn = cloud.connect('admin:admin')
        servers = test_boot._wait_status(conn, ids, 'ACTIVE', timeout=90)
        assert 'cmp1' not in {s.compute_host for s in servers}
        for uuid in ids:
            conn.compute.delete_server(uuid)
    finally:
        _api(cloud, 'PUT', '/os-services/%s' % service_id,
             {'status': 'enabled'})
