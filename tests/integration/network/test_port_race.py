# SPDX-License-Identifier: Apache-2.0
"""Racing creates never share an address (50 ports on one /26) or a VNI.

The Networking app runs in this process on a scratch database of each
backend (MariaDB, PostgreSQL, SQLite); 50 threads, released at once by a
barrier, each create a port on a subnet whose pool holds 40 addresses.
Exactly 40 get one, all different; the other 10 get 409
IpAddressGenerationFailure naming the subnet; none gets a 500. Likewise
20 network creates for 8 VNIs.
"""

import threading

import pytest

from nova_like.db import engine
from nova_like.network.db import migration
from nova_like.network import wsgi
from tests import db_servers
from tests.functional.network import fixtures

pytestmark = pytest.mark.integration
THREADS = 50
POOL = 40
VNIS = 8


@pytest.fixture(params=db_servers.BACKENDS)
def client(request, tmp_path):
    url = db_servers.create_database(request.param, tmp_path)
    try:
        migration.upgrade(url)
        conf = fixtures.make_conf(url, vni_ranges=['1:%d' % VNIS])
        # Every racer holds a connection while it waits for the others.
        conf.set_override('max_pool_size', THREADS, 'network_database')
        yield fixtures.Client(wsgi.init_application(
            conf, fixtures.RecordingDhcpDriver()))
    finally:
        engine.dispose_all()
        db_servers.drop_database(url)


def _race(client, network_id, threads=THREADS, path='/v2.0/ports',
          body=None):
    barrier = threading.Barrier(threads)
    answers = []
    lock = threading.Lock()

    def create():
        barrier.wait()
        resp = client.post(path, body or {'port': {
            'network_id': network_id}})
        with lock:
            answers.append(resp)

    threads = [threading.Thread(target=create) for _ in range(threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return answers


def test_concurrent_port_creates_on_one_subnet(client):
    net = client.create('network')
    subnet = client.create(
        'subnet', network_id=net['id'], cidr='10.0.0.0/26',
        enable_dhcp=False,
        allocation_pools=[{'start': '10.0.0.2',
                           'end': '10.0.0.%d' % (POOL + 1)}])
    answers = _race(client, net['id'])
    assert len(answers) == THREADS
    unexpected = [(a.status_code, a.text) for a in answers
                  if a.status_code not in (201, 409)]
    assert not unexpected, unexpected
    made = [a.json()['port'] for a in answers if a.status_code == 201]
    addresses = [p['fixed_ips'][0]['ip_address'] for p in made]
    assert len(made) == POOL
    assert len(set(addresses)) == POOL
    for refused in (a for a in answers if a.status_code == 409):
        error = refused.json()['NeutronError']
        assert error['type'] == 'IpAddressGenerationFailure'
        assert subnet['id'] in error['message']
    listed = client.get('/v2.0/ports?network_id=%s' % net['id']).json()
    assert len(listed['ports']) == POOL


def test_concurrent_network_creates_share_no_vni(client):
    """20 racers for the 8 VNIs of vni_ranges: 8 networks, 8 VNIs."""
    answers = _race(client, None, threads=20, path='/v2.0/networks',
                    body={'network': {}})
    unexpected = [(a.status_code, a.text) for a in answers
                  if a.status_code not in (201, 409)]
    assert not unexpected, unexpected
    vnis = [a.json()['network']['provider:segmentation_id']
            for a in answers if a.status_code == 201]
    assert sorted(vnis) == list(range(1, VNIS + 1))
    for refused in (a for a in answers if a.status_code == 409):
        assert refused.json()['NeutronError']['type'] == 'NoNetworkAvailable'
