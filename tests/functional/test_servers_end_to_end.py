# SPDX-License-Identifier: Apache-2.0
"""POST /servers to ACTIVE and DELETE to 404 through every service.

In one process.
"""

import pytest

from nova_like.api.handlers import servers as servers_handler
from nova_like.api import wsgi
from nova_like import conf
from nova_like import context as nl_context
from tests import factories
from tests.functional.api import conftest as api_conftest
from tests import glance_standin
from tests import waiters

CONF = conf.CONF


@pytest.fixture
def cloud(stack):
    for host in ('cmp1', 'cmp2', 'cmp3'):
        stack.start_compute(host)
    glance = glance_standin.GlanceStandIn()
    CONF.set_override('endpoint_override', glance.url, 'glance')
    factories.create_flavor(nl_context.get_admin_context())
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
    """The servers of uuids, in that order, once all of them are status."""
    def servers():
        found = {s['id']: s for s in client.get(
            '/v2.1/servers/detail').json_body_or_none['servers']}
        return [found.get(u) for u in uuids]

    return waiters.wait_for(
        servers, timeout, 'servers %s to be %s' % (', '.join(uuids), status),
        interval=0.2, until=lambda found: all(
            s is not None and s['status'] == status for s in found))


def test_boot_list_show_delete(cloud):
    factories.boot(cloud, 'web', min_count=3)
    listed = cloud.get('/v2.1/servers?name=^web').json_body_or_none
    uuids = [s['id'] for s in listed['servers']]
    assert len(uuids) == 3
    servers = _wait_status(cloud, uuids, 'ACTIVE')
    assert {s['OS-EXT-STS:power_state'] for s in servers} == {1}
    shown = cloud.get('/v2.1/servers/%s' % uuids[0]).json_body_or_none
    assert shown['server']['flavor']['original_name'] == 'm1.tiny'
    for uuid in uuids:
        assert cloud.delete('/v2.1/servers/%s' % uuid).status_int == 204
    waiters.wait_for(
        lambda: [cloud.get('/v2.1/servers/%s' % u).status_int
                 for u in uuids], 20, 'servers gone', interval=0.2,
        until=lambda codes: set(codes) == {404})


def test_no_valid_host_is_shown_as_the_fault(cloud):
    factories.create_flavor(nl_context.get_admin_context(), flavorid='huge',
                            name='huge', vcpus=1000)
    response = factories.boot(cloud, 'big', flavorRef='huge')
    uuid = response.json_body_or_none['server']['id']
    [server] = _wait_status(cloud, [uuid], 'ERROR')
    assert server['fault']['message'].startswith(
        'No valid host was found. Placement returned 0 candidates')
    assert cloud.delete('/v2.1/servers/%s' % uuid).status_int == 204
    assert cloud.get('/v2.1/servers/%s' % uuid).status_int == 404
