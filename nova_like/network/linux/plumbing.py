# SPDX-License-Identifier: Apache-2.0
"""Bridges and VXLAN devices of networks on a host (compute or network host).

ensure_network() makes a network's Linux bridge (brq<11 id chars>) and
its uplink: for vxlan a VXLAN device (vxlan-<VNI>) with one unicast
flooding FDB entry per peer host; for flat the host interface mapped to
the physical network; for vlan an 802.1q sub-interface, which this
kernel cannot make (errors.KernelSupportMissing). Every call is
idempotent and serialised per namespace by a lock between processes, so a
network host and a compute host on one machine may call it at once.
"""

import ipaddress
import json

from nova_like.network import model
from nova_like.network.linux import errors
from nova_like.network.linux import ip_lib

FLOOD_MAC = '00:00:00:00:00:00'
_GONE = ('does not exist', 'Cannot find device', 'No such file')


def parse_mappings(mappings):
    """['physnet:iface', ...] (or a dict) -> {physnet: iface}."""
    if isinstance(mappings, dict):
        return dict(mappings)
    result = {}
    for entry in mappings or []:
        physnet, sep, iface = entry.partition(':')
        if not sep or not physnet.strip() or not iface.strip():
            raise ValueError('physical_interface_mappings entry %r is not '
                             'physnet:interface' % entry)
        result[physnet.strip()] = iface.strip()
    return result


def _ensure_bridge(name, mtu, netns):
    ip_lib.check_ifname(name)
    info = ip_lib.link_info(name, netns)
    if info is None:
        ip_lib.ip(['link', 'add', name, 'type', 'bridge',
                   'forward_delay', '0', 'stp_state', '0'],
                  netns=netns, ok_errors=('File exists',))
    elif ip_lib.link_kind(info) != 'bridge':
        raise errors.CommandFailed(
            cmd='ip link add %s type bridge' % name, returncode=1,
            where=' in netns %s' % netns if netns else '',
            stderr='%s exists and is not a bridge' % name)
    if mtu and (info or {}).get('mtu') != mtu:
        ip_lib.ip(['link', 'set', 'dev', name, 'mtu', str(mtu)],
                  netns=netns)
    if info is None or 'UP' not in info.get('flags', []):
        ip_lib.ip(['link', 'set', 'dev', name, 'up'], netns=netns)


def _enslave(device, bridge, mtu, netns, info=None):
    info = info or ip_lib.link_info(device, netns)
    if mtu and info and info.get('mtu') != mtu:
        ip_lib.ip(['link', 'set', 'dev', device, 'mtu', str(mtu)],
                  netns=netns)
    if not info or info.get('master') != bridge:
        ip_lib.ip(['link', 'set', 'dev', device, 'master', bridge],
                  netns=netns)
    if not info or 'UP' not in info.get('flags', []):
        ip_lib.ip(['link', 'set', 'dev', device, 'up'], netns=netns)


def _ensure_vxlan(network, bridge, local_ip, vxlan_port, netns):
    vni = network.get('segmentation_id')
    if not vni:
        raise errors.PlumbingConfigError(
            network_id=network['id'],
            reason='a vxlan network needs a segmentation_id (VNI)')
    name = ip_lib.check_ifname(model.vxlan_name(int(vni)))
    info = ip_lib.link_info(name, netns)
    if info is not None:
        data = info.get('linkinfo', {}).get('info_data', {})
        if (ip_lib.link_kind(info) != 'vxlan' or data.get('id') != int(vni)
                or data.get('local') != local_ip
                or data.get('port') != int(vxlan_port)):
            # Made with another local_ip or port: make it again.
            ip_lib.delete_link(name, netns)
            info = None
    if info is None:
        ip_lib.ip(['link', 'add', name, 'type', 'vxlan', 'id', str(vni),
                   'local', local_ip, 'dstport', str(vxlan_port)],
                  netns=netns, ok_errors=('File exists',))
    _enslave(name, bridge, network.get('mtu'), netns,
             ip_lib.link_info(name, netns))
    return name


def _flat_or_vlan_uplink(network, bridge, interface_mappings, netns):
    physnet = network.get('physical_network')
    mappings = parse_mappings(interface_mappings)
    iface = mappings.get(physnet)
    if not iface:
        raise errors.PlumbingConfigError(
            network_id=network['id'],
            reason='physical network %r has no interface in [network] '
                   'physical_interface_mappings on this host' % physnet)
    ip_lib.check_ifname(iface)
    info = ip_lib.link_info(iface, netns)
    if info is None:
        # The home lab's case: no NIC for the physnet, a bridge of that
        # name stands for the LAN segment.
        _ensure_bridge(iface, None, netns)
        info = ip_lib.link_info(iface, netns)
    if network['network_type'] == 'vlan':
        return _ensure_vlan_device(network, iface, bridge, netns)
    if ip_lib.link_kind(info) == 'bridge':
        # A bridge cannot be a port of another bridge: join the two by a
        # veth pair.
        outer, inner = uplink_veth_names(network['id'])
        if not ip_lib.device_exists(outer, netns):
            ip_lib.ip(['link', 'add', outer, 'type', 'veth', 'peer',
                       'name', inner], netns=netns,
                      ok_errors=('File exists',))
        _enslave(inner, iface, network.get('mtu'), netns)
        _enslave(outer, bridge, network.get('mtu'), netns)
        return outer
    _enslave(iface, bridge, None, netns, info)
    return iface


def uplink_veth_names(network_id):
    """The veth pair joining a flat network's bridge to a physnet bridge."""
    return 'fo-' + network_id[:11], 'fi-' + network_id[:11]


def vlan_device_name(iface, vid):
    return '%s.%d' % (iface, int(vid))


def _ensure_vlan_device(network, iface, bridge, netns):
    vid = network.get('segmentation_id')
    if not vid:
        raise errors.PlumbingConfigError(
            network_id=network['id'],
            reason='a vlan network needs a segmentation_id (VLAN id)')
    name = vlan_device_name(iface, vid)
    if len(name) > ip_lib.MAX_IFNAME:
        name = 'vl%s.%d' % (iface[:8], int(vid))
    if not ip_lib.device_exists(name, netns):
        try:
            ip_lib.ip(['link', 'add', 'link', iface, 'name', name, 'type',
                       'vlan', 'id', str(vid)], netns=netns,
                      ok_errors=('File exists',))
        except errors.CommandFailed as exc:
            if 'Unknown device type' in exc.message or (
                    'Operation not supported' in exc.message):
                raise errors.KernelSupportMissing(
                    network_id=network['id'], network_type='vlan',
                    reason='this kernel has no 802.1q VLAN support '
                           '(CONFIG_VLAN_8021Q, module 8021q): %s'
                           % exc.message) from exc
            raise
    _enslave(name, bridge, network.get('mtu'), netns)
    return name


def _ensure_address(bridge, gateway_cidr, netns):
    want = ipaddress.ip_interface(gateway_cidr)
    info = ip_lib.ip(['-j', 'addr', 'show', 'dev', bridge], netns=netns)
    for link in json.loads(info or '[]'):
        for addr in link.get('addr_info', []):
            if (addr.get('local') == str(want.ip)
                    and addr.get('prefixlen') == want.network.prefixlen):
                return
    ip_lib.ip(['addr', 'add', str(want), 'dev', bridge], netns=netns,
              ok_errors=('File exists',))


def ensure_network(network, local_ip, interface_mappings=(),
                   vxlan_port=4789, netns=None, gateway_cidr=None):
    """Make network's bridge and uplink on this host; return the bridge.

    network is the 'network' dict of a VIF (model.py). For vxlan, the
    flooding entries are exactly network['peers'] (minus local_ip).
    gateway_cidr (e.g. '203.0.113.1/24', flat networks only) is put on
    the bridge: the host-side address a guest of a flat network reaches
    its host at (the lab's 'public' network).
    """
    bridge = network.get('bridge') or model.bridge_name(network['id'])
    kind = network.get('network_type')
    if kind not in ('vxlan', 'flat', 'vlan'):
        raise errors.PlumbingConfigError(
            network_id=network['id'],
            reason='unknown network_type %r' % kind)
    with ip_lib.host_lock(netns):
        _ensure_bridge(bridge, network.get('mtu'), netns)
        if kind == 'vxlan':
            device = _ensure_vxlan(network, bridge, local_ip, vxlan_port,
                                   netns)
            _set_peers(device, local_ip, network.get('peers') or [], netns)
        else:
            _flat_or_vlan_uplink(network, bridge, interface_mappings,
                                 netns)
            if gateway_cidr:
                _ensure_address(bridge, gateway_cidr, netns)
    return bridge


def flood_peers(device, netns=None):
    """Peer addresses of the all-zero (flooding) FDB entries of device."""
    out = ip_lib.execute(['bridge', 'fdb', 'show', 'dev', device],
                         netns=netns, ok_errors=_GONE)
    peers = set()
    for line in out.splitlines():
        words = line.split()
        if words and words[0] == FLOOD_MAC and 'dst' in words:
            peers.add(words[words.index('dst') + 1])
    return peers


def current_peers(network, netns=None):
    """The flooding peers of a vxlan network's device on this host, or
    None when the network is not vxlan or has no device here yet."""
    if network.get('network_type') != 'vxlan' or not network.get(
            'segmentation_id'):
        return None
    device = model.vxlan_name(int(network['segmentation_id']))
    if not ip_lib.device_exists(device, netns):
        return None
    return flood_peers(device, netns)


def _set_peers(device, local_ip, peers, netns):
    want = {p for p in peers if p and p != local_ip}
    have = flood_peers(device, netns)
    for peer in sorted(want - have):
        ip_lib.execute(['bridge', 'fdb', 'append', FLOOD_MAC, 'dev', device,
                        'dst', peer], netns=netns,
                       ok_errors=('File exists',))
    for peer in sorted(have - want):
        ip_lib.execute(['bridge', 'fdb', 'del', FLOOD_MAC, 'dev', device,
                        'dst', peer], netns=netns, ok_errors=_GONE)


def set_peers(network, local_ip, peers, netns=None):
    """Make the flooding entries of a vxlan network exactly peers."""
    if network.get('network_type') != 'vxlan':
        return
    device = model.vxlan_name(int(network['segmentation_id']))
    with ip_lib.host_lock(netns):
        _set_peers(device, local_ip, peers, netns)


def _uplinks(network):
    kind = network.get('network_type')
    if kind == 'vxlan' and network.get('segmentation_id'):
        return [model.vxlan_name(int(network['segmentation_id']))]
    if kind == 'flat':
        return list(uplink_veth_names(network['id']))
    return []


def delete_network_if_unused(network, netns=None, interface_mappings=()):
    """Remove network's bridge and uplink when no guest port is left.

    Returns True when the bridge is gone afterwards. A guest port is any
    device on the bridge other than the network's own uplink (the vxlan
    device, the flat veth pair, or the host interface mapped to the
    physical network, which is only released, never deleted).
    """
    bridge = network.get('bridge') or model.bridge_name(network['id'])
    with ip_lib.host_lock(netns):
        if not ip_lib.device_exists(bridge, netns):
            return True
        own = set(_uplinks(network))
        iface = parse_mappings(interface_mappings).get(
            network.get('physical_network'))
        if iface and network.get('network_type') != 'vxlan':
            own.add(iface)
            if network.get('segmentation_id'):
                own.add(vlan_device_name(iface, network['segmentation_id']))
        ports = ip_lib.bridge_ports(bridge, netns)
        if any(port not in own for port in ports):
            return False
        if iface and iface in ports:
            ip_lib.ip(['link', 'set', 'dev', iface, 'nomaster'],
                      netns=netns, ok_errors=_GONE)
        for device in _uplinks(network):
            ip_lib.delete_link(device, netns)
        ip_lib.delete_link(bridge, netns)
    return True


def plug_veth(bridge, outer, inner, inner_netns=None, mtu=None,
              netns=None):
    """A veth pair: outer on bridge (in netns), inner moved to inner_netns.

    Idempotent; returns outer. Used by DHCP and by tests.
    """
    ip_lib.check_ifname(outer)
    ip_lib.check_ifname(inner)
    if not ip_lib.device_exists(outer, netns):
        args = ['link', 'add', outer, 'type', 'veth', 'peer', 'name', inner]
        if inner_netns:
            args += ['netns', inner_netns]
        ip_lib.ip(args, netns=netns, ok_errors=('File exists',))
    _enslave(outer, bridge, mtu, netns)
    target = inner_netns or netns
    info = ip_lib.link_info(inner, target)
    if mtu and info and info.get('mtu') != mtu:
        ip_lib.ip(['link', 'set', 'dev', inner, 'mtu', str(mtu)],
                  netns=target)
    if info and 'UP' not in info.get('flags', []):
        ip_lib.ip(['link', 'set', 'dev', inner, 'up'], netns=target)
    return outer
