# SPDX-License-Identifier: Apache-2.0
"""Security groups on each guest's bridge port, with nftables.

This kernel filters bridged frames in nft's bridge family but has no
conntrack there (CONFIG_NF_CONNTRACK_BRIDGE is off: a `ct` expression in
a bridge table is refused). It does have br_netfilter, which hands each
bridged IPv4 packet to the inet hooks, where conntrack works but the
bridge port is invisible (iifname is the bridge). So one host has two
tables called nova_like:

- inet nova_like: in prerouting and output, sets mark bit 0x04000000 on
  packets of established or related connections; nothing else.
- bridge nova_like: clears that bit first (prerouting, priority -300),
  then dispatches on the port (maps from_port / to_port of interface
  name to a per-port chain) in forward, input (guest to host) and
  output (host to guest). Chain from-<tap>: anti-spoofing (only the
  port's MAC and fixed IPs, ARP for them, DHCP client traffic),
  established traffic, egress rules, else drop; what passes returns to
  the base chain, so that to-<tap> of a receiving port on this host
  still applies. Chain to-<tap>: ARP, DHCP replies, established
  traffic, ingress rules, else drop.

A rule naming a remote group matches the named set rg-<group id> of the
bridge table, holding the group's member addresses: when members come
and go (servers boot and are deleted) only that set is refilled
(set_group_members), no port's chains are remade.

Each call is one `nft -f` transaction, so a port's rules change
atomically and two processes may apply ports at once.
"""

import ipaddress
import json

from nova_like.network import model
from nova_like.network.linux import ip_lib

TABLE = 'nova_like'
MARK_ESTABLISHED = 0x04000000
_MARK = '0x%08x' % MARK_ESTABLISHED
_CLEAR = '0x%08x' % (0xffffffff & ~MARK_ESTABLISHED)
_ICMP = ('icmp', '1', 1)
_ANY = (None, '', 'any', 0, '0')
_PROTO_NUMBERS = {'6': 'tcp', '17': 'udp', '1': 'icmp'}


def base_script():
    """nft commands that make both tables (idempotent, one transaction)."""
    b = 'bridge %s' % TABLE
    i = 'inet %s' % TABLE
    lines = [
        'add table %s' % i,
        'add chain %s prerouting { type filter hook prerouting priority 0;'
        ' policy accept; }' % i,
        'add chain %s output { type filter hook output priority 0;'
        ' policy accept; }' % i,
        'flush chain %s prerouting' % i,
        'flush chain %s output' % i,
        'add rule %s prerouting ct state established,related '
        'meta mark set meta mark | %s' % (i, _MARK),
        'add rule %s output ct state established,related '
        'meta mark set meta mark | %s' % (i, _MARK),
        'add table %s' % b,
        'add map %s from_port { type ifname : verdict; }' % b,
        'add map %s to_port { type ifname : verdict; }' % b,
        'add chain %s prerouting { type filter hook prerouting priority '
        '-300; policy accept; }' % b,
    ]
    for hook in ('forward', 'input', 'output'):
        lines.append('add chain %s %s { type filter hook %s priority 0; '
                     'policy accept; }' % (b, hook, hook))
    for chain in ('prerouting', 'forward', 'input', 'output'):
        lines.append('flush chain %s %s' % (b, chain))
    lines += [
        'add rule %s prerouting meta mark set meta mark & %s' % (b, _CLEAR),
        'add rule %s forward iifname vmap @from_port' % b,
        'add rule %s forward oifname vmap @to_port' % b,
        'add rule %s input iifname vmap @from_port' % b,
        'add rule %s output oifname vmap @to_port' % b,
    ]
    return lines


def _ipv4_prefixes(prefixes):
    nets = []
    for prefix in prefixes:
        net = ipaddress.ip_network(prefix, strict=False)
        if net.version == 4:
            nets.append(str(net))
    return nets


def group_set(group_id):
    """The nft set of a remote group's member addresses."""
    return 'rg-' + group_id


def _members_lines(group_id, prefixes):
    """The set of group_id; filled with prefixes when they are given
    (None: made if missing, its members left as the last refill made
    them)."""
    b = 'bridge %s' % TABLE
    name = group_set(group_id)
    lines = ['add set %s %s { type ipv4_addr; }' % (b, name)]
    if prefixes is None:
        return lines
    lines.append('flush set %s %s' % (b, name))
    addresses = sorted({str(ipaddress.ip_network(p, strict=False)
                            .network_address)
                        for p in _ipv4_prefixes(prefixes or [])})
    if addresses:
        lines.append('add element %s %s { %s }'
                     % (b, name, ', '.join(addresses)))
    return lines


def members_script(group_id, addresses):
    """nft commands that make group_id's member set exactly addresses."""
    return (['add table bridge %s' % TABLE] +
            _members_lines(group_id, ['%s/32' % a for a in addresses]))


def rule_match(rule, direction):
    """nft match of one security group rule, '' for any, None for never.

    direction 'ingress' matches the remote prefixes on the source address,
    'egress' on the destination; a remote group, its member set. IPv6
    rules match nothing (no IPv6 here).
    """
    if (rule.get('ethertype') or 'IPv4') != 'IPv4':
        return None
    parts = []
    prefixes = rule.get('remote_ip_prefixes')
    if rule.get('remote_group_id'):
        field = 'saddr' if direction == 'ingress' else 'daddr'
        parts.append('ip %s @%s' % (field,
                                    group_set(rule['remote_group_id'])))
    elif prefixes is not None:
        nets = _ipv4_prefixes(prefixes)
        if not nets:
            return None          # a remote group with no member yet
        if '0.0.0.0/0' not in nets:
            field = 'saddr' if direction == 'ingress' else 'daddr'
            parts.append('ip %s { %s }' % (field, ', '.join(nets)))
    proto = rule.get('protocol')
    proto = _PROTO_NUMBERS.get(str(proto), proto)
    low, high = rule.get('port_range_min'), rule.get('port_range_max')
    if proto in _ANY:
        pass
    elif proto in ('tcp', 'udp'):
        parts.append('ip protocol %s' % proto)
        if low is not None:
            high = low if high is None else high
            ports = str(int(low)) if int(low) == int(high) else (
                '%d-%d' % (int(low), int(high)))
            parts.append('%s dport %s' % (proto, ports))
    elif proto in _ICMP:
        parts.append('ip protocol icmp')
        if low is not None:
            parts.append('icmp type %d' % int(low))
            if high is not None:
                parts.append('icmp code %d' % int(high))
    else:
        text = str(proto)
        if not text.isalnum():
            raise ValueError('protocol %r of a security group rule' % proto)
        parts.append('ip protocol %s' % text)
    return ' '.join(parts)


def _rules(vif, direction):
    matches = []
    for group in vif.get('security_groups') or []:
        for rule in group.get('rules') or []:
            if rule.get('direction') != direction:
                continue
            match = rule_match(rule, direction)
            if match is not None and match not in matches:
                matches.append(match)
    return matches


def chain_names(devname):
    return 'from-' + devname, 'to-' + devname


def port_script(vif):
    """nft commands that (re)make the chains of one port."""
    devname = vif.get('devname') or model.tap_name(vif['id'])
    ip_lib.check_ifname(devname)
    mac = vif['address'].lower()
    ips = sorted(addr for addr, version in model.fixed_ips(vif)
                 if version == 4)
    b = 'bridge %s' % TABLE
    out_chain, in_chain = chain_names(devname)
    lines = base_script()
    groups = {}
    for group in vif.get('security_groups') or []:
        for rule in group.get('rules') or []:
            if rule.get('remote_group_id'):
                groups[rule['remote_group_id']] = rule.get(
                    'remote_ip_prefixes')
    for group_id, prefixes in sorted(groups.items()):
        lines += _members_lines(group_id, prefixes)
    for chain in (out_chain, in_chain):
        lines += ['add chain %s %s' % (b, chain),
                  'flush chain %s %s' % (b, chain)]

    def out(rule):
        lines.append('add rule %s %s %s' % (b, out_chain, rule))

    def into(rule):
        lines.append('add rule %s %s %s' % (b, in_chain, rule))

    ip_set = '{ %s }' % ', '.join(ips) if ips else None
    # Out of the guest: its own MAC and addresses only. What passes
    # returns to the base chain, so that the port it goes to (a guest
    # of this host) still applies its own ingress rules.
    out('ether saddr != %s drop' % mac)
    out('ether type arp arp saddr ether != %s drop' % mac)
    out('ether type arp arp saddr ip != { %s } drop'
        % ', '.join(['0.0.0.0'] + ips))
    out('ether type arp return')
    out('ether type != ip drop')
    out('ip saddr 0.0.0.0 ip daddr 255.255.255.255 udp sport 68 '
        'udp dport 67 return')
    out('udp sport 67 udp dport 68 drop')
    if ip_set:
        out('ip saddr != %s drop' % ip_set)
        out('udp sport 68 udp dport 67 return')
        out('meta mark & %s == %s return' % (_MARK, _MARK))
        for match in _rules(vif, 'egress'):
            out('%s return' % match if match else 'return')
    out('drop')
    # Into the guest.
    into('ether type arp accept')
    into('ether type != ip drop')
    into('udp sport 67 udp dport 68 accept')
    into('meta mark & %s == %s accept' % (_MARK, _MARK))
    for match in _rules(vif, 'ingress'):
        into('%s accept' % match if match else 'accept')
    into('drop')
    lines += [
        'add element %s from_port { "%s" : jump %s }'
        % (b, devname, out_chain),
        'add element %s to_port { "%s" : jump %s }' % (b, devname, in_chain),
    ]
    return lines


def remove_script(devname):
    """nft commands that remove one port's chains (even when absent)."""
    b = 'bridge %s' % TABLE
    out_chain, in_chain = chain_names(devname)
    lines = base_script()
    for chain, vmap in ((out_chain, 'from_port'), (in_chain, 'to_port')):
        lines += ['add chain %s %s' % (b, chain),
                  'add element %s %s { "%s" : jump %s }'
                  % (b, vmap, devname, chain),
                  'delete element %s %s { "%s" }' % (b, vmap, devname),
                  'flush chain %s %s' % (b, chain),
                  'delete chain %s %s' % (b, chain)]
    return lines


class NoopFirewall:
    """Enforces nothing ([network] firewall_driver = noop)."""

    def __init__(self, netns=None):
        self.netns = netns

    def apply_port(self, vif):
        pass

    def remove_port(self, vif):
        pass

    def set_group_members(self, group_id, addresses):
        pass


class NftablesFirewall:
    """Security groups of the ports of this host, in nft table nova_like."""

    def __init__(self, netns=None):
        self.netns = netns
        self._sysctl_done = False

    def _load(self, lines):
        if not self._sysctl_done:
            # br_netfilter hands bridged IPv4 to the inet hooks, where
            # conntrack marks established traffic (see module docstring).
            ip_lib.execute(['sysctl', '-qw',
                            'net.bridge.bridge-nf-call-iptables=1'],
                           netns=self.netns)
            self._sysctl_done = True
        ip_lib.execute(['nft', '-f', '-'], netns=self.netns,
                       input_text='\n'.join(lines) + '\n')

    def apply_port(self, vif):
        """Make (or remake) the rules of vif's port, atomically."""
        self._load(port_script(vif))

    def remove_port(self, vif):
        """Remove the rules of vif's port; nothing when it has none."""
        self._load(remove_script(vif.get('devname')
                                 or model.tap_name(vif['id'])))

    def set_group_members(self, group_id, addresses):
        """Make the member set of remote group group_id exactly addresses
        (IPv4 ones; others are ignored)."""
        self._load(members_script(group_id, [
            a for a in addresses if ipaddress.ip_address(a).version == 4]))

    def ports(self):
        """Names of the ports that have rules now."""
        out = ip_lib.execute(['nft', '-j', 'list', 'map', 'bridge', TABLE,
                              'to_port'], netns=self.netns,
                             ok_errors=('No such file',))
        names = []
        for item in json.loads(out or '{"nftables": []}')['nftables']:
            for elem in (item.get('map') or {}).get('elem', []):
                names.append(elem[0] if isinstance(elem, list) else elem)
        return names


def firewall_driver(name, netns=None):
    """The firewall of [network] firewall_driver."""
    return {'nftables': NftablesFirewall, 'noop': NoopFirewall}[name](netns)
