# SPDX-License-Identifier: Apache-2.0
"""POST /servers to ACTIVE and DELETE to 404 through every service, in one process."""

import time

import pytest

from nova_like.api.handlers import servers as servers_handler
from nova_like.api import wsgi
from nova_like import conf
from nova_like import context as nl_context
from nova_like import objects
from tests.functional.api import conftest as api_conftest
from tests.functional.api import fakes

CONF = conf.CONF


@pytest.fixture
def cloud(stack):
    for host in ('cmp1', 'cmp2', 'cmp3'):
        stack.start_compute(host)
    glance = fakes.GlanceStandIn().start()
    CONF.set_override('endpoint_override', glance.url, 'glance')
    objects.Flavor(nl_context.get_admin_context(), flavorid='1',
                   name='m1.tiny', vcpus=1, memory_mb=512, root_gb=1).create()
    client = api_conftest.Client(wsgi.init_application(), 'demo:demo',
                                 version='2.100')
    servers_handler.set_compute_api(None)  # built anew on this config
    try:
        yield client
    finally:
        servers_handler.set_compute_api(None)
        CONF.clear_override('endpoint_override', 'glance')
        glance.stop()


def _wait_status(client, uuids, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        servers = {s['id']: s for s in client.get(
            '/v2.1/servers/detail').json_body_or_none['servers']}
        if all(u in servers and servers[u]['status'] == status
               for u in uuids):
            return [servers[u] for u in uuids]
        time.sleep(0.2)
    raise AssertionError('not all %s: %s' % (status, {
        u: servers.get(u, {}).get('status') for u in uuids}))


def test_boot_list_show_delete(cloud):
    response = cloud.post('/v2.1/servers', {'server': {
        'name': 'web', 'imageRef': fakes.IMAGE_ID, 'flavorRef': '1',
        'networks': 'none', 'min_count': 3}})
    assert response.status_int == 202, response.body
    listed = cloud.get('/v2.1/servers?name=^web').json_body_or_none
    uuids = [s['id'] for s in listed['servers']]
    assert len(uuids) == 3
    servers = _wait_status(cloud, uuids, 'ACTIVE')
    assert {s['OS-EXT-STS:power_state'] for s in servers} == {1}
    shown = cloud.get('/v2.1/servers/%s' % uuids[0]).json_body_or_none
    assert shown['server']['flavor']['original_name'] == 'm1.tiny'
    for uuid in uuids:
        assert cloud.delete('/v2.1/servers/%s' % uuid).status_int == 204
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if all(cloud.get('/v2.1/servers/%s' % u).status_int == 404
               for u in uuids):
            break
        time.sleep(0.2)
    else:
        raise AssertionError('servers not gone')


def test_no_valid_host_is_shown_as_the_fault(cloud):
    objects.Flavor(nl_context.get_admin_context(), flavorid='huge',
                   name='huge', vcpus=1000, memory_mb=512,
                   root_gb=1).create()
    response = cloud.post('/v2.1/servers', {'server': {
        'name': 'big', 'imageRef': fakes.IMAGE_ID, 'flavorRef': 'huge',
        'networks': 'none'}})
    uuid = response.json_body_or_none['server']['id']
    [server] = _wait_status(cloud, [uuid], 'ERROR')
    assert server['fault']['message'].startswith(
        'No valid host was found. Placement returned 0 candidates')
    assert cloud.delete('/v2.1/servers/%s' % uuid).status_int == 204
    assert cloud.get('/v2.1/servers/%s' % uuid).status_int == 404
