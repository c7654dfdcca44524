# SPDX-License-Identifier: Apache-2.0
"""Real QEMU guests on nova-like-network's networks: the shared harness.

A cloud (PostgreSQL, RabbitMQ, nova-like-network) with libvirt compute
hosts, the networks net1 (project p1) and net2 (project p2), and guests of
the test image (tools/build-test-image.sh) whose consoles say what they
see: DHCP-LEASE, and the PROBE lines of the probes their server metadata
asks for (nl_ping, nl_tcp, nl_listen). Guests.cleanup() removes all of
it, in every namespace the hosts use, even after a failure.
"""

import collections
import os
import re
import shutil
import subprocess
import time
import types

import requests

from nova_like.network import model
from nova_like.network.linux import dhcp
from tests import db_servers
from tests.glance_standin import GlanceStandIn
from tests.integration import cloud as cloud_mod
from tests import libvirt_env

BOOT = 120      # seconds to ACTIVE and to a DHCP lease, TCG on two cores
PROBE = 25      # seconds for a probe (every 2 s) to see a change
P1, P2 = 'u1:p1', 'u2:p2'
TOOLS = ('ip', 'nft', 'dnsmasq', 'qemu-system-x86_64')

# A libvirt compute host: its libvirtd, the namespace its guests' taps
# and bridges live in (None: the machine's own) and more compute options.
ComputeHost = collections.namedtuple('ComputeHost', 'uri netns extra_conf',
                                     defaults=(None, ''))


def require_host(uri='qemu:///system'):
    libvirt_env.require_binding()
    libvirt_env.require_libvirtd(uri).close()
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


def links(netns=None):
    """Interface names (without @peer) on the machine or in netns."""
    out = subprocess.run(['ip'] + (['-n', netns] if netns else []) +
                         ['-o', 'link', 'show'], capture_output=True,
                         text=True, check=True).stdout
    return {line.split(':')[1].strip().split('@')[0]
            for line in out.splitlines()}


def namespaces():
    out = subprocess.run(['ip', 'netns', 'list'], capture_output=True,
                         text=True, check=True).stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def dnsmasq_of(network_id):
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


def address(server, network_name):
    """The server's fixed IPv4 address on network_name, per the API."""
    [entry] = [a for a in (server.addresses or {}).get(network_name, [])
               if a['version'] == 4]
    return entry['addr']


def lease_of(console):
    """(ip, prefix, router) of the DHCP-LEASE line, or None."""
    match = re.search(r'^DHCP-LEASE eth0 ip=(\S+)/(\d+) router=(\S+)',
                      console, re.MULTILINE)
    return match and match.groups()


def probes(console, kind, target):
    """The states PROBE <kind> <target> printed, in order."""
    return re.findall(r'^PROBE %s %s (\w+)\r?$' % (kind, re.escape(target)),
                      console, re.MULTILINE)


def plumbing_of(network):
    """Names of the bridge and VXLAN device of network (an API dict)."""
    names = [model.bridge_name(network['id'])]
    if network.get('provider:segmentation_id'):
        names.append(model.vxlan_name(
            int(network['provider:segmentation_id'])))
    return names


class Guests:
    """The cloud, its networks and guests; cleanup() removes all of it."""

    def __init__(self, path, hosts, local_ip='127.0.0.1'):
        """:param hosts: {host name: ComputeHost}."""
        self.path = path
        self.hosts = hosts
        self.local_ip = local_ip
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
        self.cloud = cloud = cloud_mod.Cloud(
            self.path, 'postgresql', network=True, local_ip=self.local_ip)
        cloud.glance_url = self.glance.url
        cloud.create_databases()
        cloud.start_controller()
        for name, host in self.hosts.items():
            cloud.start_compute(name, libvirt_uri=host.uri,
                                extra_conf=host.extra_conf)
        cloud.wait_ready(5 + len(self.hosts), list(self.hosts), timeout=90)
        self.net = NetworkApi(cloud.network_port)
        cloud.connect().compute.create_flavor(
            name='m1.nl', ram=128, vcpus=1, disk=1, id='nl')
        self.p1 = cloud.connect(P1)
        self.p2 = cloud.connect(P2)
        self.networks['net1'] = self.net.create_network(P1, 'net1',
                                                        '10.20.0.0/26')
        self.networks['net2'] = self.net.create_network(P2, 'net2',
                                                        '10.30.0.0/26')

    def boot(self, conn, name, network, availability_zone=None,
             fixed_ip=None, **metadata):
        nic = {'uuid': self.networks[network]['id']}
        if fixed_ip:
            nic['fixed_ip'] = fixed_ip
        server = conn.compute.create_server(
            name=name, image_id=self.image, flavor_id='nl', networks=[nic],
            config_drive=True, metadata=metadata,
            **({'availability_zone': availability_zone}
               if availability_zone else {}))
        self.servers[name] = (conn, server)
        return server

    def wait_address(self, name, network):
        """The address of name once the API shows one (while it builds)."""
        conn, server = self.servers[name]

        def shown():
            found = conn.compute.get_server(server.id)
            assert found.status != 'ERROR', found.fault
            return address(found, network)
        self.addresses[name] = cloud_mod.wait_for(
            shown, BOOT, 'an address of %s on %s' % (name, network))
        return self.addresses[name]

    def wait_active(self, name):
        conn, server = self.servers[name]
        self.servers[name] = (conn, cloud_mod.wait_server(
            conn, server, 'ACTIVE', BOOT))
        return self.servers[name][1]

    def record_ports(self):
        for name, (_conn, server) in self.servers.items():
            self.ports[name] = [p['id']
                                for p in self.net.ports(device_id=server.id)]

    def console(self, name):
        conn, server = self.servers[name]
        return conn.compute.get_server_console_output(server.id)['output']

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
        for host in {h.uri for h in self.hosts.values()}:
            attempt(self._remove_guests, host)
        attempt(self._remove_plumbing)
        if self.glance is not None:
            attempt(self.glance.stop)
        return errors

    def _remove_guests(self, uri):
        """Domains of ours a dead compute host left behind."""
        import libvirt
        conn = libvirt.open(uri)
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
        our networks, in every host's namespace, if the services did not
        remove them."""
        conf = types.SimpleNamespace(network=types.SimpleNamespace(
            state_path=str(self.path / 'network'),
            physical_interface_mappings=[]))
        driver = dhcp.DhcpDriver(conf)
        for network in self.networks.values():
            driver.disable(network['id'])
            if dhcp.NS_PREFIX + network['id'] in namespaces():
                subprocess.run(['ip', 'netns', 'delete',
                                dhcp.NS_PREFIX + network['id']],
                               capture_output=True)
        taps = [model.tap_name(port) for ports in self.ports.values()
                for port in ports]
        for netns in {h.netns for h in self.hosts.values()} | {None}:
            if netns and netns not in namespaces():
                continue
            present = links(netns)
            names = taps + [name for network in self.networks.values()
                            for name in plumbing_of(network)]
            for name in names:
                if name in present:
                    subprocess.run(['ip'] + (['-n', netns] if netns else [])
                                   + ['link', 'delete', name],
                                   capture_output=True)
