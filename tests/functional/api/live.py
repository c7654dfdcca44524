# SPDX-License-Identifier: Apache-2.0
"""The `live` fixture: the API over the whole in-process stack with one fake compute host, and helpers to drive servers."""

import time
import types

import pytest

from nova_like.api.handlers import servers as servers_handler
from nova_like.api import wsgi
from nova_like import conf
from nova_like import context as nl_context
from nova_like import objects
from tests.functional.api import conftest as api_conftest
from tests.functional.api import fakes

CONF = conf.CONF
HOST = 'cmp1'
PERIOD = 1


@pytest.fixture
def live(stack):
    """alice (proj-a), bob (proj-b) and admin on a cloud with host cmp1,
    whose periodic tasks (power-state sync) run every PERIOD seconds."""
    CONF.set_override('periodic_interval', PERIOD)
    glance = fakes.GlanceStandIn().start()
    CONF.set_override('endpoint_override', glance.url, 'glance')
    service = stack.start_compute(HOST)
    objects.Flavor(nl_context.get_admin_context(), flavorid='1',
                   name='m1.tiny', vcpus=1, memory_mb=512, root_gb=1).create()
    app = wsgi.init_application()
    servers_handler.set_compute_api(None)  # built anew on this config
    try:
        yield types.SimpleNamespace(
            stack=stack, driver=service.manager.driver,
            alice=api_conftest.Client(app, 'alice:proj-a', '2.100'),
            bob=api_conftest.Client(app, 'bob:proj-b', '2.100'),
            admin=api_conftest.Client(app, 'admin:admin', '2.100'))
    finally:
        servers_handler.set_compute_api(None)
        CONF.clear_override('endpoint_override', 'glance')
        CONF.clear_override('periodic_interval')
        glance.stop()


def wait_for(predicate, timeout=15, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError('timed out waiting for %s' % what)


def server(client, uuid, **kw):
    return client.get('/v2.1/servers/%s' % uuid, **kw).json_body_or_none[
        'server']


def wait_status(client, uuid, status, timeout=15):
    """The server once its status is status and no task is in flight."""
    def done():
        body = server(client, uuid)
        return body if (body['status'] == status and
                        body['OS-EXT-STS:task_state'] is None) else None
    return wait_for(done, timeout, 'server %s to be %s (is %s)' % (
        uuid, status, server(client, uuid)['status']))


def boot(client, name='vm', **extra):
    """An ACTIVE server of client's project; its id."""
    body = {'name': name, 'flavorRef': '1', 'imageRef': fakes.IMAGE_ID,
            'networks': 'none'}
    body.update(extra)
    response = client.post('/v2.1/servers', {'server': body})
    assert response.status_int == 202, response.body
    uuid = response.json_body_or_none['server']['id']
    wait_status(client, uuid, 'ACTIVE')
    return uuid


def act(client, uuid, body, **kw):
    return client.post('/v2.1/servers/%s/action' % uuid, body, **kw)
