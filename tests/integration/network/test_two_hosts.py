# SPDX-License-Identifier: Apache-2.0
"""Two compute hosts in separate network namespaces, QEMU guests over VXLAN.

Host nlh1 is this machine's own namespace (qemu:///system, where the
network host and its dnsmasq also are); host nlh2 is a network namespace
with its own libvirtd (tests/libvirt_host.py), so its guests' taps,
bridges, VXLAN devices and nft rules live there, as on a second machine;
its compute daemon runs beside the others with [network] host_netns
naming that namespace. A veth pair is the underlay between the two
hosts' [network] local_ip (10.252.N.1 and .2, in-machine only). Guest A
(net1) runs on nlh1, B (net1) and C (net2, another project) on nlh2,
placed by availability zone. B gets its DHCP lease across VXLAN and
reaches A; C reaches neither. Everything goes afterwards, in both
namespaces, and the namespace with its libvirtd goes even on failure.
"""

import random
import subprocess
import time
import uuid

import pytest

from nova_like.network.linux import dhcp
from nova_like.network.linux import firewall
from nova_like.network import model
from tests import libvirt_host
from tests.integration import cloud as cloud_mod
from tests.integration.network import guests as guests_mod
from tests.integration.network.guests import links
from tests.integration.network.guests import PROBE
from tests.integration.network.guests import probes

pytestmark = [pytest.mark.integration, pytest.mark.libvirt]

H1, H2 = 'nlh1', 'nlh2'
URI = 'qemu:///system'
ZONE2 = 'zone-nlh2'


def _underlay(run, netns, ip1, ip2):
    """veth pair nlu<run> (here, ip1) and nlu<run>b (in netns, ip2)."""
    outer, inner = 'nlu' + run, 'nlu%sb' % run
    for argv in (['link', 'add', outer, 'type', 'veth', 'peer', 'name',
                  inner, 'netns', netns],
                 ['addr', 'add', ip1 + '/24', 'dev', outer],
                 ['link', 'set', outer, 'up'],
                 ['-n', netns, 'addr', 'add', ip2 + '/24', 'dev', inner],
                 ['-n', netns, 'link', 'set', inner, 'up']):
        subprocess.run(['ip'] + argv, check=True, capture_output=True)
    return outer


@pytest.fixture(scope='module')
def hosts(tmp_path_factory):
    """A on nlh1 listening on 7, B on nlh2 probing A, C (p2, net2, nlh2)
    pinging A and B."""
    guests_mod.require_host(URI)
    run = uuid.uuid4().hex[:6]
    netns = 'nlh2-' + run
    block = random.randrange(256)
    ip1, ip2 = '10.252.%d.1' % block, '10.252.%d.2' % block
    path = tmp_path_factory.mktemp('two_hosts')
    second = g = outer = None
    try:
        second = libvirt_host.start(netns, str(path / 'libvirt-nlh2'))
        outer = _underlay(run, netns, ip1, ip2)
        g = guests_mod.Guests(path, {
            H1: guests_mod.ComputeHost(URI),
            H2: guests_mod.ComputeHost(
                second.uri, netns, '[network]\nlocal_ip = %s\n'
                'host_netns = %s\n' % (ip2, netns))}, local_ip=ip1)
        g.underlay = (ip1, ip2)
        g.start()
        admin = g.cloud.connect()
        aggregate = admin.compute.create_aggregate(name='agg-nlh2',
                                                   availability_zone=ZONE2)
        admin.compute.add_host_to_aggregate(aggregate, H2)
        # Fixed addresses, so that the three boot at once.
        a, b, c = '10.20.0.10', '10.20.0.11', '10.30.0.10'
        g.boot(g.p1, 'guest-a', 'net1', 'nova', a, nl_listen='7')
        g.boot(g.p1, 'guest-b', 'net1', ZONE2, b, nl_ping=a,
               nl_tcp='%s:7' % a)
        g.boot(g.p2, 'guest-c', 'net2', ZONE2, c, nl_ping='%s %s' % (a, b))
        for name, network in (('guest-a', 'net1'), ('guest-b', 'net1'),
                              ('guest-c', 'net2')):
            g.wait_active(name)
            g.wait_address(name, network)
        g.record_ports()
        yield g
    finally:
        errors = g.cleanup() if g is not None else []
        if second is not None:
            libvirt_host.stop(second)
        if outer is not None:
            subprocess.run(['ip', 'link', 'delete', outer],
                           capture_output=True)
    assert not errors, 'cleanup failed: %s (logs in %s)' % (errors, path)
    assert netns not in guests_mod.namespaces(), netns
    assert second is None or not libvirt_host.running(second), second
    assert outer not in links()


def _host_of(hosts, name):
    """The server's host, as an admin sees it."""
    _conn, server = hosts.servers[name]
    return hosts.cloud.connect().compute.get_server(server.id).compute_host


def _tap(hosts, name):
    [port] = hosts.ports[name]
    return model.tap_name(port)


def _flood_peers(network, netns=None):
    device = model.vxlan_name(int(network['provider:segmentation_id']))
    out = subprocess.run(
        ['bridge'] + (['-n', netns] if netns else []) + ['fdb', 'show',
                                                         'dev', device],
        capture_output=True, text=True, check=True).stdout
    return {line.split()[line.split().index('dst') + 1]
            for line in out.splitlines()
            if line.startswith('00:00:00:00:00:00') and ' dst ' in line}


def _domains(uri):
    import libvirt
    conn = libvirt.open(uri)
    try:
        return {dom.UUIDString() for dom in conn.listAllDomains(0)}
    finally:
        conn.close()


def test_each_guest_runs_on_its_host_and_its_tap_is_there(hosts):
    assert [_host_of(hosts, n) for n in ('guest-a', 'guest-b',
                                         'guest-c')] == [H1, H2, H2]
    ids = {name: server.id for name, (_c, server) in hosts.servers.items()}
    assert ids['guest-a'] in _domains(URI)
    assert {ids['guest-b'], ids['guest-c']} <= _domains(hosts.hosts[H2].uri)
    assert not {ids['guest-b'], ids['guest-c']} & _domains(URI)
    here, there = links(), links(hosts.hosts[H2].netns)
    assert _tap(hosts, 'guest-a') in here
    assert _tap(hosts, 'guest-a') not in there
    for name in ('guest-b', 'guest-c'):
        assert _tap(hosts, name) in there and _tap(hosts, name) not in here
    # Their security group rules too.
    b_c = {_tap(hosts, 'guest-b'), _tap(hosts, 'guest-c')}
    assert b_c <= set(firewall.NftablesFirewall(
        hosts.hosts[H2].netns).ports())
    assert _tap(hosts, 'guest-a') in firewall.NftablesFirewall().ports()
    assert not b_c & set(firewall.NftablesFirewall().ports())
    # net1's bridge and VXLAN device on both hosts, each tunnel pointing
    # at the other host's local_ip.
    ip1, ip2 = hosts.underlay
    net1 = hosts.networks['net1']
    for name in guests_mod.plumbing_of(net1):
        assert name in here and name in there, name
    # (refresh_network is a cast: it may still be on its way.)
    cloud_mod.wait_for(
        lambda: (_flood_peers(net1), _flood_peers(
            net1, hosts.hosts[H2].netns)) == ({ip2}, {ip1}),
        15, 'net1 tunnels pointing at the other host')


def test_guests_on_both_hosts_lease_the_address_the_api_shows(hosts):
    # B's and C's DHCP requests cross VXLAN to dnsmasq on nlh1.
    for name in ('guest-a', 'guest-b', 'guest-c'):
        ip, prefix, router = guests_mod.lease_of(hosts.lease(name)[1])
        assert ip == hosts.addresses[name], hosts.lease(name)[1]
        network = hosts.networks['net2' if name == 'guest-c' else 'net1']
        assert (prefix, router) == ('26', network['subnet']['gateway_ip'])
    hosts.wait_console('guest-a', r'^LISTEN tcp 7')


def test_guest_b_on_nlh2_reaches_guest_a_on_nlh1(hosts):
    a = hosts.addresses['guest-a']
    hosts.wait(
        'guest-b',
        lambda: probes(hosts.console('guest-b'), 'ping', a)[-1:] == ['up']
        and probes(hosts.console('guest-b'), 'tcp', a + ':7')[-1:] == [
            'open'], PROBE, 'B to ping A and reach its port 7 over VXLAN')


def test_guest_of_another_network_reaches_neither(hosts):
    a, b = hosts.addresses['guest-a'], hosts.addresses['guest-b']

    def pings():
        console = hosts.console('guest-c')
        return probes(console, 'ping', a), probes(console, 'ping', b)
    # C pings both every 2 s from ~4 s after its lease; each change is
    # printed: "down" and nothing else for 20 s of that.
    deadline = hosts.lease('guest-c')[0] + 24
    hosts.wait('guest-c', lambda: all(pings()), PROBE,
               'the first pings of A and B by C')
    while True:
        assert pings() == (['down'], ['down'])
        if time.monotonic() >= deadline:
            break
        time.sleep(min(2, max(0, deadline - time.monotonic())))


def test_deletes_leave_nothing_in_either_namespace(hosts):
    hosts.delete_servers()
    taps = [_tap(hosts, n) for n in ('guest-a', 'guest-b', 'guest-c')]
    # nlh2 has no guest left: its bridges and tunnels go with them.
    there = links(hosts.hosts[H2].netns)
    assert not set(taps) & there, there
    for network in hosts.networks.values():
        assert not set(guests_mod.plumbing_of(network)) & there, there
    assert not set(taps) & links()
    for _conn, server in hosts.servers.values():
        assert hosts.net.ports(device_id=server.id) == []
    hosts.delete_networks()

    def gone():
        here, netns = links(), guests_mod.namespaces()
        return all(
            not set(guests_mod.plumbing_of(n)) & here and
            dhcp.NS_PREFIX + n['id'] not in netns and
            not guests_mod.dnsmasq_of(n['id'])
            for n in hosts.networks.values())
    cloud_mod.wait_for(gone, 30, 'dnsmasq, qdhcp namespaces, bridges and '
                       'vxlan devices of the deleted networks gone')
    assert not set(taps) & links(hosts.hosts[H2].netns)
