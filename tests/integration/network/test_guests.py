# SPDX-License-Identifier: Apache-2.0
"""Real QEMU guests on nova-like-network's networks, through the APIs.

One cloud (PostgreSQL, RabbitMQ, nova-like-network, one libvirt compute
host on qemu:///system) and three guests of the test image
(tools/build-test-image.sh): A and B of project p1 on the vxlan network
net1, C of project p2 on net2. The guests' consoles say what they see:
their DHCP lease, and, from server metadata on the config drive, the
probes of B and C towards A (PROBE ping|tcp ... on each change). The
harness is guests.py.
"""

import ipaddress
import time

import pytest

from nova_like.network import model
from nova_like.network.linux import dhcp
from tests.integration import cloud as cloud_mod
from tests.integration.network import guests as guests_mod
from tests.integration.network.guests import dnsmasq_of
from tests.integration.network.guests import lease_of
from tests.integration.network.guests import links
from tests.integration.network.guests import namespaces
from tests.integration.network.guests import P1
from tests.integration.network.guests import PROBE
from tests.integration.network.guests import probes

pytestmark = [pytest.mark.integration, pytest.mark.libvirt]

HOST = 'nlg1'
URI = 'qemu:///system'


@pytest.fixture(scope='module')
def guests(tmp_path_factory):
    """A on net1 listening on 7, B probing A, C (p2, net2) pinging A."""
    guests_mod.require_host(URI)
    g = guests_mod.Guests(tmp_path_factory.mktemp('guests'),
                          {HOST: guests_mod.ComputeHost(URI)})
    try:
        g.start()
        g.boot(g.p1, 'guest-a', 'net1', nl_listen='7')
        a = g.wait_address('guest-a', 'net1')
        g.boot(g.p1, 'guest-b', 'net1', nl_ping=a, nl_tcp='%s:7' % a)
        g.boot(g.p2, 'guest-c', 'net2', nl_ping=a)
        for name in ('guest-a', 'guest-b', 'guest-c'):
            g.wait_active(name)
        g.wait_address('guest-b', 'net1')
        g.wait_address('guest-c', 'net2')
        g.record_ports()
        yield g
    finally:
        errors = g.cleanup()
    assert not errors, 'cleanup failed: %s (logs in %s)' % (errors, g.path)


def test_each_guest_leases_the_address_the_api_shows(guests):
    for name in ('guest-a', 'guest-b', 'guest-c'):
        ip, prefix, router = lease_of(guests.lease(name)[1])
        assert ip == guests.addresses[name], guests.lease(name)[1]
        network = guests.networks['net2' if name == 'guest-c' else 'net1']
        assert network['provider:network_type'] == 'vxlan'
        subnet = network['subnet']
        assert prefix == '26'
        assert router == subnet['gateway_ip']
        assert ipaddress.ip_address(ip) in ipaddress.ip_network(
            subnet['cidr'])
    guests.wait_console('guest-a', r'^LISTEN tcp 7')


# Guest A booted before B: B reaches A only once B's joining A's default
# group has reached the host (refresh_security_group_members).

def test_guest_b_reaches_guest_a_on_their_network(guests):
    a = guests.addresses['guest-a']
    guests.wait(
        'guest-b',
        lambda: probes(guests.console('guest-b'), 'ping', a)[-1:] == ['up']
        and probes(guests.console('guest-b'), 'tcp', a + ':7')[-1:] == [
            'open'], PROBE, 'B to ping A and reach its port 7')


def test_guest_of_another_project_and_network_cannot_reach_a(guests):
    a = guests.addresses['guest-a']

    def pings():
        return probes(guests.console('guest-c'), 'ping', a)
    # Each change is printed: C pings every 2 s from ~4 s after its lease;
    # it must say "down" and nothing else for 20 s of that.
    deadline = guests.lease('guest-c')[0] + 24
    guests.wait('guest-c', pings, PROBE, 'the first ping of A by C')
    while True:
        assert pings() == ['down']
        if time.monotonic() >= deadline:
            break
        time.sleep(min(2, max(0, deadline - time.monotonic())))


def test_security_groups_of_a_decide_what_b_reaches(guests):
    a = guests.addresses['guest-a']
    target = a + ':7'

    def tcp():
        return probes(guests.console('guest-b'), 'tcp', target)
    # From test_guest_b_reaches_guest_a_on_their_network: both in default.
    assert tcp()[-1:] == ['open'], tcp()
    conn, server = guests.servers['guest-a']
    group = guests.net.call(P1, 'POST', '/security-groups', {
        'security_group': {'name': 'closed'}})['security_group']
    assert {r['direction'] for r in group['security_group_rules']} == {
        'egress'}
    conn.compute.add_security_group_to_server(server, 'closed')
    conn.compute.remove_security_group_from_server(server, 'default')
    assert [g['name'] for g in conn.compute.fetch_server_security_groups(
        server).security_groups] == ['closed']
    guests.wait('guest-b', lambda: tcp()[-2:] == ['open', 'closed'], PROBE,
                'port 7 of A closed to B')
    guests.net.call(P1, 'POST', '/security-group-rules', {
        'security_group_rule': {
            'security_group_id': group['id'], 'direction': 'ingress',
            'ethertype': 'IPv4', 'protocol': 'tcp', 'port_range_min': 7,
            'port_range_max': 7, 'remote_ip_prefix': '0.0.0.0/0'}})
    guests.wait('guest-b', lambda: tcp()[-3:] == ['open', 'closed', 'open'],
                PROBE, 'port 7 of A open to B again')


def test_deleting_servers_then_networks_leaves_nothing(guests):
    guests.delete_servers()
    for _conn, server in guests.servers.values():
        assert guests.net.ports(device_id=server.id) == []
    present = links()
    for name, ports in guests.ports.items():
        assert len(ports) == 1, (name, ports)
        assert model.tap_name(ports[0]) not in present
    for network in guests.networks.values():
        dhcp_ports = guests.net.ports(network_id=network['id'],
                                      device_owner='network:dhcp')
        assert len(dhcp_ports) == 1, dhcp_ports
        assert dnsmasq_of(network['id'])
    guests.delete_networks()

    def gone():
        present = links()
        netns = namespaces()
        return all(
            model.bridge_name(n['id']) not in present and
            model.vxlan_name(int(n['provider:segmentation_id'])) not in present
            and dhcp.NS_PREFIX + n['id'] not in netns and
            not dnsmasq_of(n['id'])
            for n in guests.networks.values())
    cloud_mod.wait_for(gone, 30, 'dnsmasq, qdhcp namespaces, bridges and '
                       'vxlan devices of the deleted networks gone')
    for network in guests.networks.values():
        assert guests.net.ports(network_id=network['id']) == []
