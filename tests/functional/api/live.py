# SPDX-License-Identifier: Apache-2.0
"""Helpers to drive servers on the `live` cloud.

That cloud (tests/functional/api/conftest.py) is the whole stack with one
fake compute host.
"""

from tests import factories
from tests import waiters

HOST = 'cmp1'
# Seconds between the periodic tasks (power-state sync) of HOST.
PERIOD = 1


def server(client, uuid, **kw):
    return client.get('/v2.1/servers/%s' % uuid, **kw).json_body_or_none[
        'server']


def wait_status(client, uuid, status, timeout=15):
    """The server once its status is status and no task is in flight."""
    return waiters.wait_for(
        lambda: server(client, uuid), timeout,
        'server %s to be %s with no task in flight' % (uuid, status),
        interval=0.05,
        until=lambda body: (body['status'] == status and
                            body['OS-EXT-STS:task_state'] is None))


def boot(client, name='vm', **extra):
    """An ACTIVE server of client's project; its id."""
    uuid = factories.boot(client, name, **extra).json_body_or_none[
        'server']['id']
    wait_status(client, uuid, 'ACTIVE')
    return uuid


def act(client, uuid, body, **kw):
    return client.post('/v2.1/servers/%s/action' % uuid, body, **kw)
