# SPDX-License-Identifier: Apache-2.0
"""Many servers at once on one small subnet, through every real daemon.

nova-like-network on PostgreSQL and RabbitMQ, three fake compute hosts:
no address is given twice, the servers beyond the subnet's size go to
ERROR with a fault naming it, and once all are deleted no port is left.
"""

import collections

import pytest

from tests.integration import cloud as cloud_mod
from tools import openstack_services

pytestmark = pytest.mark.integration

USER = 'demo:demo'
CIDR = '10.77.0.0/26'     # 62 host addresses, one is the gateway
FREE = 61
BOOTED = FREE + 4


@pytest.fixture(scope='module')
def cloud(tmp_path_factory, glance_noauth):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('boot-ports')
    image = glance_noauth.create_image(
        'tiny', openstack_services.write_tiny_image(path / 'tiny.raw'))
    cloud = cloud_mod.Cloud(path, 'postgresql', network=True,
                            conductor_conf='port_audit_interval = 2\n')
    cloud.glance_url = glance_noauth.url
    try:
        cloud.start_all(['cmp1', 'cmp2', 'cmp3'])
        cloud.add_tiny(image['id'])
        yield cloud
    finally:
        cloud.destroy()


def _settled(conn, ids):
    servers = {s.id: s for s in conn.compute.servers(details=True)}
    if all(i in servers and servers[i].status in ('ACTIVE', 'ERROR')
           for i in ids):
        return [servers[i] for i in ids]
    return None


def test_a_full_subnet_errors_the_rest_and_leaks_no_port(cloud):
    conn = cloud.connect(USER)
    net = conn.network.create_network(name='storm')
    # No DHCP: this test is about addresses, not about dnsmasq.
    conn.network.create_subnet(network_id=net.id, ip_version=4, cidr=CIDR,
                               enable_dhcp=False)
    response = conn.compute.post('/servers', json={'server': {
        'name': 'storm', 'imageRef': cloud.image_id, 'flavorRef': '1',
        'networks': [{'uuid': net.id}], 'min_count': 1,
        'max_count': BOOTED, 'return_reservation_id': True}},
        microversion='2.100')
    assert response.status_code == 202, response.text
    reservation = response.json()['reservation_id']
    ids = [s.id for s in conn.compute.servers(
        reservation_id=reservation)]
    assert len(ids) == BOOTED
    servers = cloud_mod.wait_for(lambda: _settled(conn, ids), 120,
                                 'every server ACTIVE or ERROR')
    by_status = collections.Counter(s.status for s in servers)
    assert by_status == {'ACTIVE': FREE, 'ERROR': BOOTED - FREE}, [
        s.fault for s in servers if s.status == 'ERROR']
    addresses = [a['addr'] for s in servers if s.status == 'ACTIVE'
                 for a in s.addresses['storm']]
    assert len(addresses) == len(set(addresses)) == FREE
    for server in servers:
        if server.status == 'ERROR':
            assert CIDR in server.fault['message'], server.fault
            assert server.addresses == {}
    ports = list(conn.network.ports(network_id=net.id))
    assert sorted(p.device_id for p in ports) == sorted(
        s.id for s in servers if s.status == 'ACTIVE')

    for server_id in ids:
        conn.compute.delete_server(server_id)
    cloud_mod.wait_for(
        lambda: not list(conn.compute.servers(reservation_id=reservation)),
        120, 'every server deleted')
    assert list(conn.network.ports(network_id=net.id)) == []
    conn.network.delete_network(net.id)
