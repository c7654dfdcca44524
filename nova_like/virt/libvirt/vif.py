# SPDX-License-Identifier: Apache-2.0
"""Guest NICs on this host's Linux bridges, from network_info VIFs.

Before a guest starts, the bridge of each of its networks is made (with
the network's VXLAN device or physical uplink, network/linux/plumbing.py);
libvirt then creates the tap named in the VIF on that bridge. Once the tap
exists the port's security group rules are applied. When the guest goes,
its rules go, and a bridge left with no guest port is removed. All of
it happens in [network] host_netns when that is set (the namespace this
host's libvirtd and its guests' taps live in), else in the host's own.

VXLAN peers: a VIF's peers are those of when its port was bound, and a
refresh_network sent meanwhile (another host joined) may have come
first, even before this host had the network's device. So a plug only
adds peers (to those on the device and those of the last refresh), and
only a refresh removes any: at worst a host that left still gets this
network's flooded frames until the next refresh, never a host on the
network misses them.
"""

from nova_like import conf
from nova_like.network.linux import firewall
from nova_like.network.linux import ip_lib
from nova_like.network.linux import plumbing
from nova_like.virt.libvirt import config

CONF = conf.CONF

# network id: the peers of its last refresh_network here.
_refreshed = {}


def _netns():
    return CONF.network.host_netns or None


def _firewall():
    return firewall.firewall_driver(CONF.network.firewall_driver, _netns())


def nic(vif, model):
    """The libvirt NIC of vif."""
    return config.Nic('bridge', vif['network']['bridge'], model,
                      vif['address'], vif['devname'],
                      vif['network'].get('mtu'))


def plug(vif):
    """Make the bridge vif's tap will join (idempotent)."""
    network = vif['network']
    if network.get('network_type') == 'vxlan':
        peers = set(network.get('peers') or [])
        peers |= set(_refreshed.get(network['id'], ()))
        peers |= plumbing.current_peers(network, _netns()) or set()
        network = dict(network, peers=sorted(peers))
    plumbing.ensure_network(network, CONF.network.local_ip,
                            CONF.network.physical_interface_mappings,
                            vxlan_port=CONF.network.vxlan_port,
                            netns=_netns())


def protect(vif):
    """Apply vif's security group rules to its tap (which must exist)."""
    _firewall().apply_port(vif)


def protect_if_plugged(vif):
    """protect(vif) when its tap is on this host (the guest may be gone)."""
    if ip_lib.device_exists(vif['devname'], _netns()):
        protect(vif)


def set_group_members(group_id, addresses):
    """What rules naming group_id as their remote group match."""
    _firewall().set_group_members(group_id, addresses)


def release(vif):
    """Remove vif's rules, and its bridge when no guest is left on it."""
    _firewall().remove_port(vif)
    if plumbing.delete_network_if_unused(
            vif['network'], netns=_netns(),
            interface_mappings=CONF.network.physical_interface_mappings):
        _refreshed.pop(vif['network']['id'], None)


def refresh(network):
    """Point a vxlan network's tunnels at its current peers; when its
    device is not here yet, keep them for the plug that makes it."""
    if network.get('network_type') != 'vxlan':
        return
    _refreshed[network['id']] = list(network['peers'])
    if plumbing.current_peers(network, _netns()) is not None:
        plumbing.set_peers(network, CONF.network.local_ip,
                           network['peers'], netns=_netns())
