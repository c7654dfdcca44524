# SPDX-License-Identifier: Apache-2.0
"""Two hosts and their guests as network namespaces, for data plane tests.

Each "host" is a namespace; an underlay veth joins the two
(192.0.2.1/24 and 192.0.2.2/24, TEST-NET-1, only inside these
namespaces). A "guest" is a further namespace whose eth0 is the inner
end of a veth pair; the outer end (named like a port's tap) is on a
bridge of its host. Everything is named after a short run id and
removed by Env.cleanup(), which never raises.
"""

import os
import shutil
import subprocess
import uuid

from nova_like.network import model
from nova_like.network.linux import ip_lib
from nova_like.network.linux import plumbing
from tests import db_servers

UNDERLAY = {'h1': '192.0.2.1', 'h2': '192.0.2.2'}
TOOLS = ('ip', 'bridge', 'nft', 'dnsmasq', 'busybox', 'sysctl')


def require_tools():
    """Fail (CI=true) or skip when root or a tool is missing."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if os.geteuid() != 0:
        missing.append('root')
    if missing:
        text = ('data plane tests need %s (tools/ensure-network.sh as '
                'root installs the tools)' % ', '.join(missing))
        db_servers.unavailable(text)


def run(argv, netns=None, check=True, timeout=20):
    return subprocess.run(ip_lib.netns_argv(argv, netns), text=True,
                          capture_output=True, check=check, timeout=timeout)


def ping(netns, address, count=1, wait=1):
    """Whether netns gets an answer from address."""
    return run(['busybox', 'ping', '-c', str(count), '-W', str(wait),
                address], netns, check=False).returncode == 0


def new_network(network_type='vxlan', vni=None, **extra):
    net_id = str(uuid.uuid4())
    network = {'id': net_id, 'label': 'net-' + net_id[:4],
               'bridge': model.bridge_name(net_id), 'mtu': 1450,
               'network_type': network_type, 'segmentation_id': vni,
               'physical_network': None, 'peers': [], 'subnets': []}
    network.update(extra)
    return network


class Env:
    def __init__(self):
        self.run_id = uuid.uuid4().hex[:5]
        self.namespaces = []
        self.procs = []
        self.cleanups = []

    def ns(self, role):
        name = 'nl%s%s' % (self.run_id, role)
        ip_lib.ensure_netns(name)
        self.namespaces.append(name)
        return name

    def make_hosts(self):
        self.hosts = {role: self.ns(role) for role in UNDERLAY}
        run(['ip', 'link', 'add', 'ul', 'netns', self.hosts['h1'], 'type',
             'veth', 'peer', 'name', 'ul', 'netns', self.hosts['h2']])
        for role, address in UNDERLAY.items():
            ip_lib.ip(['addr', 'add', address + '/24', 'dev', 'ul'],
                      netns=self.hosts[role])
            ip_lib.ip(['link', 'set', 'ul', 'up'], netns=self.hosts[role])
        return self.hosts

    def ensure(self, role, network, peers=True, mappings=()):
        if peers and network['network_type'] == 'vxlan':
            network = dict(network, peers=[
                a for r, a in UNDERLAY.items() if r != role])
        return plumbing.ensure_network(network, UNDERLAY[role], mappings,
                                       netns=self.hosts[role])

    def guest(self, role, network, ip_cidr=None, name=None, mappings=()):
        """A guest on network at host role; returns its VIF-like dict."""
        port_id = str(uuid.uuid4())
        guest_ns = self.ns(name or 'g%d' % len(self.namespaces))
        tap = model.tap_name(port_id)
        mac = 'fa:16:3e:%02x:%02x:%02x' % tuple(os.urandom(3))
        bridge = self.ensure(role, network, mappings=mappings)
        plumbing.plug_veth(bridge, tap, 'eth0', inner_netns=guest_ns,
                           mtu=network['mtu'], netns=self.hosts[role])
        ip_lib.ip(['link', 'set', 'eth0', 'address', mac], netns=guest_ns)
        address = None
        if ip_cidr:
            ip_lib.ip(['addr', 'add', ip_cidr, 'dev', 'eth0'],
                      netns=guest_ns)
            address = ip_cidr.split('/')[0]
        return {'id': port_id, 'devname': tap, 'address': mac,
                'netns': guest_ns, 'host': self.hosts[role],
                'network': dict(network, subnets=[{
                    'id': 's1', 'cidr': '10.77.0.0/24', 'version': 4,
                    'ips': [{'address': address, 'type': 'fixed',
                             'version': 4}] if address else []}]),
                'security_groups': []}

    def dhcp_driver(self, driver, network_id):
        """driver, disabled at cleanup (its namespace deleted anyway)."""
        self.cleanups.append(lambda: run(
            ['ip', 'netns', 'delete', 'qdhcp-' + network_id], check=False))
        self.cleanups.append(lambda: driver.disable(network_id))
        return driver

    def popen(self, argv, netns):
        proc = subprocess.Popen(ip_lib.netns_argv(argv, netns),
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        return proc

    def cleanup(self):
        for func in reversed(self.cleanups):
            try:
                func()
            except Exception:  # clean up the rest anyway
                pass
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        for name in reversed(self.namespaces):
            run(['ip', 'netns', 'delete', name], check=False)
            if os.path.exists(ip_lib.lock_path(name)):
                os.unlink(ip_lib.lock_path(name))
