# SPDX-License-Identifier: Apache-2.0
"""One dnsmasq per network, in namespace qdhcp-<network id>.

The network host's DhcpDriver.sync(network) makes the network's bridge
(plumbing.ensure_network), a namespace qdhcp-<network id> joined to the
bridge by a veth pair (dh-<11 id chars> on the bridge, ns-<11 id chars>
inside, holding each subnet's dhcp_server address) and a dnsmasq bound
to that inner end, serving only static host entries. Its files live in
[network] state_path/<network id>/: network.json (what sync was given),
host (mac,hostname,ip per port), opts (router, DNS servers, routes, MTU
per subnet), leases, pid and cmdline (the arguments it was started
with). A change of hosts or options is a SIGHUP (dnsmasq rereads
dhcp-hostsfile and dhcp-optsfile); a change of its arguments, or a dead
dnsmasq, is a restart.
"""

import ipaddress
import json
import os
import re
import shutil
import signal
import time

from nova_like.network.linux import ip_lib
from nova_like.network.linux import plumbing

NS_PREFIX = 'qdhcp-'


def netns_name(network_id):
    return NS_PREFIX + network_id


def veth_names(network_id):
    """(outer on the bridge, inner in the namespace)."""
    return 'dh-' + network_id[:11], 'ns-' + network_id[:11]


def _hostname(host):
    name = host.get('hostname') or 'host-' + host['ip'].replace('.', '-')
    name = re.sub(r'[^A-Za-z0-9-]', '-', name).strip('-')[:63]
    return name or 'host-' + host['ip'].replace('.', '-')


def dhcp_subnets(network):
    """The IPv4 subnets of network that have a DHCP server."""
    return [s for s in network.get('subnets') or []
            if s.get('dhcp_server') and s.get('version', 4) == 4]


def hosts_text(network):
    """The dhcp-hostsfile: one 'mac,hostname,ip' line per host."""
    lines = []
    for host in sorted(network.get('hosts') or [],
                       key=lambda h: (h['ip'], h['mac'])):
        lines.append('%s,%s,%s' % (host['mac'].lower(), _hostname(host),
                                   host['ip']))
    return ''.join(line + '\n' for line in lines)


def opts_text(network):
    """The dhcp-optsfile: router, DNS, routes and MTU per subnet tag."""
    lines = []
    for subnet in dhcp_subnets(network):
        tag = 'tag:subnet-%s' % subnet['id']
        gateway = subnet.get('gateway')
        lines.append('%s,option:router%s'
                     % (tag, ',' + gateway if gateway else ''))
        if subnet.get('dns'):
            lines.append('%s,option:dns-server,%s'
                         % (tag, ','.join(subnet['dns'])))
        routes = [(r['destination'], r['nexthop'])
                  for r in subnet.get('routes') or []]
        if routes:
            # A client that takes option 121 ignores option 3: repeat the
            # default route there.
            if gateway:
                routes.append(('0.0.0.0/0', gateway))
            flat = ','.join('%s,%s' % route for route in routes)
            lines.append('%s,option:classless-static-route,%s'
                         % (tag, flat))
        if network.get('mtu'):
            lines.append('%s,option:mtu,%d' % (tag, int(network['mtu'])))
    return ''.join(line + '\n' for line in lines)


class DhcpDriver:
    """dnsmasq for networks, on the host whose bridges are in netns.

    netns None (the normal case) is the host's own namespace; tests give
    the namespace that stands for the network host.
    """

    def __init__(self, conf, netns=None):
        self.conf = conf
        self.netns = netns

    @property
    def state_path(self):
        return self.conf.network.state_path

    def _dir(self, network_id):
        return os.path.join(self.state_path, network_id)

    def _file(self, network_id, name):
        return os.path.join(self._dir(network_id), name)

    def active_networks(self):
        """Ids of the networks that have DHCP state on this host."""
        try:
            names = os.listdir(self.state_path)
        except FileNotFoundError:
            return []
        return sorted(n for n in names if os.path.exists(
            os.path.join(self.state_path, n, 'network.json')))

    def pid(self, network_id):
        """The pid of the network's running dnsmasq, or None."""
        try:
            with open(self._file(network_id, 'pid')) as handle:
                pid = int(handle.read().strip() or 0)
            with open('/proc/%d/cmdline' % pid, 'rb') as handle:
                cmdline = handle.read().decode(errors='replace')
        except (OSError, ValueError):
            return None
        if 'dnsmasq' in cmdline and self._dir(network_id) in cmdline:
            return pid
        return None

    def cmdline(self, network, interface):
        net_id = network['id']
        lease = int(self.conf.network.dhcp_lease_duration)
        argv = [self.conf.network.dnsmasq_binary,
                '--conf-file=/dev/null', '--no-hosts', '--no-resolv',
                '--strict-order', '--except-interface=lo',
                '--bind-interfaces', '--interface=%s' % interface,
                '--port=0', '--user=root', '--group=root',
                '--pid-file=%s' % self._file(net_id, 'pid'),
                '--dhcp-hostsfile=%s' % self._file(net_id, 'host'),
                '--dhcp-optsfile=%s' % self._file(net_id, 'opts'),
                '--dhcp-leasefile=%s' % self._file(net_id, 'leases')]
        # As many leases as the subnets have addresses: a number that does
        # not change with the ports, so a new port never restarts dnsmasq.
        lease_max = 0
        for subnet in dhcp_subnets(network):
            cidr = ipaddress.ip_network(subnet['cidr'], strict=False)
            lease_max += cidr.num_addresses
            argv.append('--dhcp-range=set:subnet-%s,%s,static,%s,%ds'
                        % (subnet['id'], cidr.network_address,
                           cidr.netmask, lease))
        argv.append('--dhcp-lease-max=%d' % max(16, lease_max))
        return argv

    def _read(self, network_id, name):
        try:
            with open(self._file(network_id, name)) as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def _write(self, network_id, name, text):
        """Write a state file; True when its content changed."""
        path = self._file(network_id, name)
        try:
            with open(path) as handle:
                if handle.read() == text:
                    return False
        except FileNotFoundError:
            pass
        tmp = path + '.tmp'
        with open(tmp, 'w') as handle:
            handle.write(text)
        os.replace(tmp, path)
        return True

    def _ensure_port(self, network, bridge):
        net_id = network['id']
        ns = netns_name(net_id)
        outer, inner = veth_names(net_id)
        ip_lib.ensure_netns(ns)
        plumbing.plug_veth(bridge, outer, inner, inner_netns=ns,
                           mtu=network.get('mtu'), netns=self.netns)
        want = set()
        for subnet in dhcp_subnets(network):
            cidr = ipaddress.ip_network(subnet['cidr'], strict=False)
            want.add('%s/%d' % (subnet['dhcp_server'], cidr.prefixlen))
        have = set()
        out = ip_lib.ip(['-j', 'addr', 'show', 'dev', inner], netns=ns)
        for link in json.loads(out or '[]'):
            for addr in link.get('addr_info', []):
                if addr.get('family') == 'inet':
                    have.add('%s/%d' % (addr['local'], addr['prefixlen']))
        for cidr in sorted(want - have):
            ip_lib.ip(['addr', 'add', cidr, 'dev', inner], netns=ns,
                      ok_errors=('File exists',))
        for cidr in sorted(have - want):
            ip_lib.ip(['addr', 'del', cidr, 'dev', inner], netns=ns,
                      ok_errors=('Cannot assign',))
        return inner

    def sync(self, network):
        """Make network's DHCP server serve exactly network['hosts'].

        Returns 'started', 'reloaded', 'unchanged' or 'disabled' (no
        subnet with DHCP: any server of the network is stopped).
        """
        net_id = network['id']
        if not dhcp_subnets(network):
            self.disable(net_id)
            return 'disabled'
        conf = self.conf.network
        os.makedirs(self._dir(net_id), exist_ok=True)
        described = json.dumps(
            {k: v for k, v in network.items() if k != 'hosts'},
            sort_keys=True, indent=1)
        pid = self.pid(net_id)
        if pid and self._read(net_id, 'network.json') == described and \
                self._read(net_id, 'cmdline') == '\n'.join(self.cmdline(
                    network, veth_names(net_id)[1])):
            # Only its ports changed (a boot, a delete): the bridge, the
            # namespace and dnsmasq's arguments are as they were made.
            changed = self._write(net_id, 'host', hosts_text(network))
            changed = self._write(net_id, 'opts',
                                  opts_text(network)) or changed
            if changed:
                os.kill(pid, signal.SIGHUP)
                return 'reloaded'
            return 'unchanged'
        bridge = plumbing.ensure_network(
            network, conf.local_ip, conf.physical_interface_mappings,
            vxlan_port=conf.vxlan_port, netns=self.netns)
        inner = self._ensure_port(network, bridge)
        self._write(net_id, 'network.json', described)
        changed = self._write(net_id, 'host', hosts_text(network))
        changed = self._write(net_id, 'opts', opts_text(network)) or changed
        argv = self.cmdline(network, inner)
        args_changed = self._write(net_id, 'cmdline', '\n'.join(argv))
        pid = self.pid(net_id)
        if pid and not args_changed:
            if changed:
                os.kill(pid, signal.SIGHUP)
                return 'reloaded'
            return 'unchanged'
        if pid:
            self._stop(pid)
        ip_lib.execute(argv, netns=netns_name(net_id))
        return 'started'

    def _stop(self, pid, timeout=5.0):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not os.path.exists('/proc/%d' % pid):
                return
            try:
                with open('/proc/%d/stat' % pid) as handle:
                    if handle.read().split(')')[-1].split()[0] == 'Z':
                        return
            except OSError:
                return
            time.sleep(0.02)
        os.kill(pid, signal.SIGKILL)

    def disable(self, network_id):
        """Stop the network's dnsmasq; remove its namespace, veth, files.

        The bridge goes too when nothing else is plugged into it.
        """
        pid = self.pid(network_id)
        if pid:
            self._stop(pid)
        network = None
        try:
            with open(self._file(network_id, 'network.json')) as handle:
                network = json.load(handle)
        except (OSError, ValueError):
            pass
        outer, _inner = veth_names(network_id)
        ip_lib.delete_link(outer, self.netns)
        if ip_lib.netns_exists(netns_name(network_id)):
            ip_lib.delete_netns(netns_name(network_id))
        if network:
            plumbing.delete_network_if_unused(
                network, netns=self.netns,
                interface_mappings=self.conf.network
                .physical_interface_mappings)
        shutil.rmtree(self._dir(network_id), ignore_errors=True)
