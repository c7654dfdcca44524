# SPDX-License-Identifier: Apache-2.0
"""Real QEMU guests on nova-like-network's networks, through the APIs.

One cloud (PostgreSQL, RabbitMQ, nova-like-network, one libvirt compute
host on qemu:///system) and three guests of the test image
(tools/build-test-image.sh): A and B of project p1 on the vxlan network
net1, C of project p2 on net2. The guests' consoles say what they see:
their DHCP lease, and, from server metadata on the config drive, the
probes of B and C towards A (PROBE ping|tcp ... on each change).
"""

import ipaddress
import os
import re
import shutil
import subprocess
import time
import types

import pytest
import requests

from nova_like.network import model
from nova_like.network.linux import dhcp
from tests import db_servers
from tests.glance_standin import GlanceStandIn
from tests.integration import cloud as cloud_mod
from tests import libvirt_env

pytestmark = [pytest.mark.integration, pytest.mark.libvirt]

HOST = 'nlg1'
URI = 'qemu:///system'
BOOT = 120      # seconds to ACTIVE and to a DHCP lease, TCG on two cores
PROBE = 25      # seconds for a probe (every 2 s) to see a change
P1, P2 = 'u1:p1', 'u2:p2'
TOOLS = ('ip', 'nft', 'dnsmasq', 'qemu-system-x86_64')


def _require_host():
    libvirt_env.require_binding()
    libvirt_env.require_libvirtd(URI).close()
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if os.geteuid() != 0:
        missing.append('root')
    if missing:
        db_servers.unavailable('guest network tests need %s (run '
                               'tools/ensure-libvirt.sh and '
                               'tools/ensure-network.sh as root)'
                               % ', '.join(missing))


class NetworkApi:
    """nova-like-network's REST API with noauth2 tokens."""

    def __init__(self, port):
        self.url = 'http://127.0.0.1:%d/v2.0' % port

    def call(self, token, method, path, body=None, expect=(200, 201, 204)):
        response = requests.request(
            method, self.url + path, json=body, timeout=30,
            headers={'X-Auth-Token': token})
        assert response.status_code in expect, (
            '%s %s: %d %s' % (method, path, response.status_code,
                              response.text))
        return response.json() if response.content else None

    def create_network(self, token, name, cidr):
        network = self.call(token, 'POST', '/networks',
                            {'network': {'name': name}})['network']
        subnet = self.call(token, 'POST', '/subnets', {'subnet': {
            'network_id': network['id'], 'cidr': cidr, 'ip_version': 4,
            'name': name + '-subnet'}})['subnet']
        # As admin: the provider attributes (its VNI) are admin's to see.
        network = self.call('admin', 'GET', '/networks/%s'
                            % network['id'])['network']
        network['subnet'] = subnet
        return network

    def ports(self, **filters):
        query = '&'.join('%s=%s' % item for item in filters.items())
        return self.call('admin', 'GET', '/ports?' + query)['ports']


def _console(conn, server_id):
    return conn.compute.get_server_console_output(server_id)['output']


def _links():
    """Interface names on the host (without @peer)."""
    out = subprocess.run(['ip', '-o', 'link', 'show'], capture_output=True,
                         text=True, check=True).stdout
    return {line.split(':')[1].strip().split('@')[0]
            for line in out.splitlines()}


def _namespaces():
    out = subprocess.run(['ip', 'netns', 'list'], capture_output=True,
                         text=True, check=True).stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def _dnsmasq_of(network_id):
    """pids of dnsmasq processes whose command line names network_id."""
    pids = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as handle:
                argv = handle.read().decode(errors='replace')
        except OSError:
            continue
        if 'dnsmasq' in argv.split('\0')[0] and network_id in argv:
            pids.append(int(pid))
    return pids


def _address(server, network_name):
    """The server's fixed IPv4 address on network_name, per the API."""
    [entry] = [a for a in (server.addresses or {}).get(network_name, [])
               if a['version'] == 4]
    return entry['addr']


class Guests:
    """The cloud, its networks and guests; cleanup() removes all of it."""

    def __init__(self, path):
        self.path = path
        self.cloud = None
        self.glance = None
        self.networks = {}      # name: network dict (with 'subnet')
        self.servers = {}       # name: (conn, server)
        self.addresses = {}     # name: address the API shows
        self.leased = {}        # name: (time we saw its lease, console)
        self.ports = {}         # name: ids of its ports

    def start(self):
        cloud_mod.ensure_rabbit()
        image_dir = libvirt_env.build_test_image()
        self.glance = GlanceStandIn()
        kernel = self.glance.add(os.path.join(image_dir, 'vmlinuz'), 'aki')
        ramdisk = self.glance.add(os.path.join(image_dir, 'initrd.img'),
                                  'ari')
        self.image = self.glance.add(
            os.path.join(image_dir, 'disk.qcow2'), 'qcow2',
            kernel_id=kernel['id'], ramdisk_id=ramdisk['id'],
            os_command_line='console=ttyS0 quiet')['id']
        self.cloud = cloud = cloud_mod.Cloud(self.path, 'postgresql',
                                             network=True)
        cloud.glance_url = self.glance.url
        cloud.create_databases()
        cloud.start_controller()
        cloud.start_compute(HOST, libvirt_uri=URI)
        cloud.wait_ready(6, [HOST], timeout=90)
        self.net = NetworkApi(cloud.network_port)
        cloud.connect().compute.create_flavor(
            name='m1.nl', ram=128, vcpus=1, disk=1, id='nl')
        self.p1 = cloud.connect(P1)
        self.p2 = cloud.connect(P2)
        self.networks['net1'] = self.net.create_network(P1, 'net1',
                                                        '10.20.0.0/26')
        self.networks['net2'] = self.net.create_network(P2, 'net2',
                                                        '10.30.0.0/26')

    def boot(self, conn, name, network, **metadata):
        server = conn.compute.create_server(
            name=name, image_id=self.image, flavor_id='nl',
            networks=[{'uuid': self.networks[network]['id']}],
            config_drive=True, metadata=metadata)
        self.servers[name] = (conn, server)
        return server

    def wait_address(self, name, network):
        """The address of name once the API shows one (while it builds)."""
        conn, server = self.servers[name]

        def shown():
            found = conn.compute.get_server(server.id)
            assert found.status != 'ERROR', found.fault
            return _address(found, network)
        self.addresses[name] = cloud_mod.wait_for(
            shown, BOOT, 'an address of %s on %s' % (name, network))
        return self.addresses[name]

    def wait_active(self, name):
        conn, server = self.servers[name]
        self.servers[name] = (conn, cloud_mod.wait_server(
            conn, server, 'ACTIVE', BOOT))

    def console(self, name):
        conn, server = self.servers[name]
        return _console(conn, server.id)

    def wait_console(self, name, pattern, timeout=BOOT):
        """The console of name once pattern (a regex) is in it."""
        return self.wait(
            name, lambda: re.search(pattern, self.console(name),
                                    re.MULTILINE) and self.console(name),
            timeout, '%r in the console of %s' % (pattern, name))

    def lease(self, name):
        """(when we first saw name's DHCP lease, its console then)."""
        if name not in self.leased:
            console = self.wait_console(name, r'^DHCP-LEASE eth0 ')
            self.leased[name] = (time.monotonic(), console)
        return self.leased[name]

    def wait(self, name, predicate, timeout, what):
        """wait_for, failing with the end of name's console."""
        try:
            return cloud_mod.wait_for(predicate, timeout, what)
        except AssertionError as exc:
            raise AssertionError('%s; console of %s: %s'
                                 % (exc, name, self._tail(name))) from None

    def _tail(self, name):
        try:
            return self.console(name)[-600:]
        except Exception as exc:  # only for the message
            return 'no console: %s' % exc

    def delete_servers(self):
        for conn, server in self.servers.values():
            conn.compute.delete_server(server.id, ignore_missing=True)
        for conn, server in self.servers.values():
            conn.compute.wait_for_delete(server, wait=90)

    def delete_networks(self):
        for name, network in list(self.networks.items()):
            token = P1 if name == 'net1' else P2
            self.net.call(token, 'DELETE', '/networks/%s' % network['id'],
                          expect=(204, 404))

    def cleanup(self):
        """Everything, even after a failure; never raises."""
        errors = []

        def attempt(what, *args):
            try:
                what(*args)
            except Exception as exc:  # go on cleaning
                errors.append('%s: %s' % (what.__name__, exc))
        if self.cloud is not None and self.networks:
            attempt(self.delete_servers)
            attempt(self.delete_networks)
        if self.cloud is not None:
            attempt(self.cloud.destroy)
        attempt(self._remove_guests)
        attempt(self._remove_plumbing)
        if self.glance is not None:
            attempt(self.glance.stop)
        return errors

    def _remove_guests(self):
        """Domains of ours a dead compute host left behind."""
        import libvirt
        conn = libvirt.open(URI)
        try:
            ours = {s.id for _c, s in self.servers.values()}
            for dom in conn.listAllDomains(0):
                if dom.UUIDString() in ours:
                    if dom.isActive():
                        dom.destroy()
                    dom.undefineFlags(
                        libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
        finally:
            conn.close()

    def _remove_plumbing(self):
        """dnsmasq, qdhcp namespaces, taps, bridges and vxlan devices of
        our networks, if the services did not remove them."""
        conf = types.SimpleNamespace(network=types.SimpleNamespace(
            state_path=str(self.path / 'network'),
            physical_interface_mappings=[]))
        driver = dhcp.DhcpDriver(conf)
        links = _links()
        for network in self.networks.values():
            driver.disable(network['id'])
            names = [model.bridge_name(network['id'])]
            if network.get('provider:segmentation_id'):
                names.append(model.vxlan_name(
                    int(network['provider:segmentation_id'])))
            for name in names:
                if name in links:
                    subprocess.run(['ip', 'link', 'delete', name],
                                   capture_output=True)
            if dhcp.NS_PREFIX + network['id'] in _namespaces():
                subprocess.run(['ip', 'netns', 'delete',
                                dhcp.NS_PREFIX + network['id']],
                               capture_output=True)
        for ports in self.ports.values():
            for port in ports:
                tap = model.tap_name(port)
                if tap in links:
                    subprocess.run(['ip', 'link', 'delete', tap],
                                   capture_output=True)


@pytest.fixture(scope='module')
def guests(tmp_path_factory):
    """A on net1 listening on 7, B probing A, C (p2, net2) pinging A."""
    _require_host()
    g = Guests(tmp_path_factory.mktemp('guests'))
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
        for name, (_conn, server) in g.servers.items():
            g.ports[name] = [p['id'] for p in g.net.ports(device_id=server.id)]
        yield g
    finally:
        errors = g.cleanup()
    assert not errors, 'cleanup failed: %s (logs in %s)' % (errors, g.path)


def _lease(console):
    match = re.search(r'^DHCP-LEASE eth0 ip=(\S+)/(\d+) router=(\S+)',
                      console, re.MULTILINE)
    return match and match.groups()


def test_each_guest_leases_the_address_the_api_shows(guests):
    for name in ('guest-a', 'guest-b', 'guest-c'):
        ip, prefix, router = _lease(guests.lease(name)[1])
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

def _probes(console, kind, target):
    """The states PROBE <kind> <target> printed, in order."""
    return re.findall(r'^PROBE %s %s (\w+)\r?$' % (kind, re.escape(target)),
                      console, re.MULTILINE)


def test_guest_b_reaches_guest_a_on_their_network(guests):
    a = guests.addresses['guest-a']
    guests.wait(
        'guest-b',
        lambda: _probes(guests.console('guest-b'), 'ping', a)[-1:] == ['up']
        and _probes(guests.console('guest-b'), 'tcp', a + ':7')[-1:] == [
            'open'], PROBE, 'B to ping A and reach its port 7')


def test_guest_of_another_project_and_network_cannot_reach_a(guests):
    a = guests.addresses['guest-a']

    def pings():
        return _probes(guests.console('guest-c'), 'ping', a)
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
        return _probes(guests.console('guest-b'), 'tcp', target)
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
    links = _links()
    for name, ports in guests.ports.items():
        assert len(ports) == 1, (name, ports)
        assert model.tap_name(ports[0]) not in links
    for network in guests.networks.values():
        dhcp_ports = guests.net.ports(network_id=network['id'],
                                      device_owner='network:dhcp')
        assert len(dhcp_ports) == 1, dhcp_ports
        assert _dnsmasq_of(network['id'])
    guests.delete_networks()

    def gone():
        links = _links()
        namespaces = _namespaces()
        return all(
            model.bridge_name(n['id']) not in links and
            model.vxlan_name(int(n['provider:segmentation_id'])) not in links
            and dhcp.NS_PREFIX + n['id'] not in namespaces and
            not _dnsmasq_of(n['id'])
            for n in guests.networks.values())
    cloud_mod.wait_for(gone, 30, 'dnsmasq, qdhcp namespaces, bridges and '
                       'vxlan devices of the deleted networks gone')
    for network in guests.networks.values():
        assert guests.net.ports(network_id=network['id']) == []
