# SPDX-License-Identifier: Apache-2.0
"""The broker goes away and comes back: how soon does a boot work again?

`rabbitmqctl stop_app` drops every connection, and with them every
non-durable queue and exchange; `start_app` brings back an empty broker.
Each daemon has to reconnect and declare its queues again; a message sent
to a topic whose queue was not back yet used to be dropped: a call waited a
whole rpc_response_timeout (server in ERROR), a cast was lost (server left
in BUILD: what this test saw in every run before rpc.Client resent them).

This stops the shared broker for everyone on it: point the tests at a
private node with NL_TEST_RABBIT_PORT and RABBITMQ_NODENAME (see
tests/integration/README.md) when others use the default one.
"""

import shutil
import time

import pytest

from tests import db_servers
from tests.integration import cloud as cloud_mod
from tools import openstack_services

pytestmark = pytest.mark.integration

OUTAGE = 10  # seconds between stop_app and start_app, as in the issue
BOUND = 10   # seconds after start_app by which a boot must work again
GIVE_UP = 120  # seconds after start_app the test keeps trying to boot
ATTEMPT = 45  # seconds one boot may stay in BUILD (a lost cast never ends)


@pytest.fixture(scope='module')
def broker_cloud(tmp_path_factory, glance_noauth):
    if shutil.which('rabbitmqctl') is None:
        db_servers.unavailable('rabbitmqctl is not installed')
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('broker-return')
    image = glance_noauth.create_image(
        'tiny', openstack_services.write_tiny_image(path / 'tiny.raw'))
    # The lab's heartbeats (tools/lab.py): the outage is shorter than
    # service_down_time, so the computes stay up for the scheduler; with the
    # harness's 4 s they would all be down until their next heartbeat.
    cloud = cloud_mod.Cloud(path, 'postgresql', report_interval=5,
                            service_down_time=30)
    cloud.glance_url = glance_noauth.url
    try:
        cloud.start_all(['cmp1', 'cmp2'])
        cloud.add_tiny(image['id'])
        yield cloud
    finally:
        cloud.destroy()


def _boot(conn, image_id, name, timeout):
    """Boot one server and wait for it to leave BUILD.

    :returns: (status, seconds, fault): ACTIVE or ERROR, or the
        exception's text when the API refused the request.
    """
    start = time.monotonic()
    try:
        server = conn.compute.create_server(
            name=name, image_id=image_id, flavor_id='1', networks='none')
    except Exception as exc:  # a refusal is a figure too
        return 'refused: %s' % exc, time.monotonic() - start, None
    deadline = start + timeout
    while time.monotonic() < deadline:
        server = conn.compute.get_server(server.id)
        if server.status in ('ACTIVE', 'ERROR'):
            return (server.status, time.monotonic() - start,
                    (server.fault or {}).get('message'))
        time.sleep(0.2)
    return 'BUILD', time.monotonic() - start, None


def test_a_boot_works_within_seconds_of_the_broker_returning(broker_cloud):
    conn = broker_cloud.connect('demo:demo')
    status, normal, fault = _boot(conn, broker_cloud.image_id, 'before', 60)
    assert status == 'ACTIVE', fault
    try:
        cloud_mod.rabbitmqctl('stop_app')
        time.sleep(OUTAGE)
    finally:
        # Whatever happened, the broker must run again for what follows.
        cloud_mod.rabbitmqctl('start_app')
    back = time.monotonic()
    print('\nstart_app returned at %s' % time.strftime('%H:%M:%S'))
    attempts = []
    while time.monotonic() - back < GIVE_UP:
        status, took, fault = _boot(conn, broker_cloud.image_id,
                                    'after-%d' % len(attempts), ATTEMPT)
        attempts.append((status, round(took, 1), fault))
        if status == 'ACTIVE':
            break
        time.sleep(0.5)
    since_back = time.monotonic() - back
    print('boot before the outage: %.1fs; after start_app: %s; ACTIVE '
          '%.1fs after start_app' % (normal, attempts, since_back))
    assert attempts[0][0] == 'ACTIVE', (
        'the first boot after start_app ended %s (%s); all attempts: %s'
        % (attempts[0][0], attempts[0][2], attempts))
    assert since_back <= BOUND + normal, (
        'ACTIVE %.1fs after start_app (bound %ds + a normal boot of %.1fs)'
        % (since_back, BOUND, normal))
    for name, proc in broker_cloud.procs.items():
        assert proc.poll() is None, '%s exited' % name
