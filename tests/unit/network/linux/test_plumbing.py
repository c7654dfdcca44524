# SPDX-License-Identifier: Apache-2.0
"""plumbing: the commands that make a network's bridge and uplink."""

import pytest

from nova_like import exception
from nova_like.network.linux import errors
from nova_like.network.linux import plumbing

NET_ID = '3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b'
BRIDGE = 'brq3f1c2a4b-5d'


def network(**kwargs):
    net = {'id': NET_ID, 'bridge': BRIDGE, 'mtu': 1450,
           'network_type': 'vxlan', 'segmentation_id': 17,
           'physical_network': None, 'peers': ['192.0.2.7', '192.0.2.1']}
    net.update(kwargs)
    return net


def test_vxlan_network_bridge_vxlan_device_and_flooding(kernel):
    assert plumbing.ensure_network(network(), '192.0.2.1',
                                   netns='h1') == BRIDGE
    assert [c.replace('ip netns exec h1 ', '')
            for c in kernel.changing()] == [
        'ip link add %s type bridge forward_delay 0 stp_state 0' % BRIDGE,
        'ip link set dev %s mtu 1450' % BRIDGE,
        'ip link set dev %s up' % BRIDGE,
        'ip link add vxlan-17 type vxlan id 17 local 192.0.2.1 dstport 4789',
        'ip link set dev vxlan-17 mtu 1450',
        'ip link set dev vxlan-17 master %s' % BRIDGE,
        'ip link set dev vxlan-17 up',
        # Only the other host: local_ip is not a peer.
        'bridge fdb append 00:00:00:00:00:00 dev vxlan-17 dst 192.0.2.7',
    ]


def test_ensure_network_twice_changes_nothing(kernel):
    plumbing.ensure_network(network(), '192.0.2.1')
    kernel.commands.clear()
    plumbing.ensure_network(network(), '192.0.2.1')
    assert kernel.commands and kernel.changing() == []


def test_peers_become_exactly_the_given_ones(kernel):
    plumbing.ensure_network(network(peers=['192.0.2.7', '192.0.2.8']),
                            '192.0.2.1')
    kernel.commands.clear()
    plumbing.set_peers(network(), '192.0.2.1', ['192.0.2.8', '192.0.2.9'])
    assert kernel.changing() == [
        'bridge fdb append 00:00:00:00:00:00 dev vxlan-17 dst 192.0.2.9',
        'bridge fdb del 00:00:00:00:00:00 dev vxlan-17 dst 192.0.2.7']


def test_current_peers_are_none_until_the_device_exists(kernel):
    assert plumbing.current_peers(network(), netns='h2') is None
    assert plumbing.current_peers(network(network_type='flat')) is None
    plumbing.ensure_network(network(), '192.0.2.1', netns='h2')
    assert plumbing.current_peers(network(), netns='h2') == {'192.0.2.7'}


def test_a_vxlan_device_of_another_local_ip_is_made_again(kernel):
    plumbing.ensure_network(network(), '192.0.2.1')
    kernel.commands.clear()
    plumbing.ensure_network(network(), '192.0.2.5')
    assert kernel.changing()[:2] == [
        'ip link del dev vxlan-17',
        'ip link add vxlan-17 type vxlan id 17 local 192.0.2.5 dstport 4789']


def test_vxlan_without_vni_is_refused(kernel):
    with pytest.raises(errors.PlumbingConfigError, match='segmentation_id'):
        plumbing.ensure_network(network(segmentation_id=None), '192.0.2.1')


def test_flat_network_enslaves_the_mapped_interface(kernel):
    kernel.links['eth1'] = {'kind': None, 'mtu': 1500, 'up': True}
    plumbing.ensure_network(
        network(network_type='flat', segmentation_id=None,
                physical_network='public'), '192.0.2.1',
        ['public:eth1'], gateway_cidr='203.0.113.1/24')
    assert kernel.links['eth1']['master'] == BRIDGE
    assert kernel.changing()[-2:] == [
        'ip link set dev eth1 master %s' % BRIDGE,
        'ip addr add 203.0.113.1/24 dev %s' % BRIDGE]


def test_flat_network_of_a_missing_interface_gets_a_bridge_of_that_name(
        kernel):
    plumbing.ensure_network(
        network(network_type='flat', physical_network='public'),
        '192.0.2.1', ['public:brpublic'])
    outer, inner = plumbing.uplink_veth_names(NET_ID)
    assert kernel.links['brpublic']['kind'] == 'bridge'
    assert kernel.links[inner]['master'] == 'brpublic'
    assert kernel.links[outer]['master'] == BRIDGE


def test_flat_network_without_a_mapping_fails_naming_the_physnet(kernel):
    with pytest.raises(errors.PlumbingConfigError,
                       match="'public' has no interface"):
        plumbing.ensure_network(
            network(network_type='flat', physical_network='public'),
            '192.0.2.1', ['other:eth1'])


def test_vlan_without_8021q_fails_naming_the_missing_kernel_support(
        kernel):
    kernel.links['eth1'] = {'kind': None, 'mtu': 1500, 'up': True}
    kernel.fail_on['type vlan'] = 'Error: Unknown device type.'
    with pytest.raises(errors.KernelSupportMissing) as info:
        plumbing.ensure_network(
            network(network_type='vlan', segmentation_id=42,
                    physical_network='physnet1'),
            '192.0.2.1', ['physnet1:eth1'])
    assert isinstance(info.value, exception.PortBindingFailed)
    assert 'no 802.1q VLAN support' in info.value.message
    assert '8021q' in info.value.message
    assert 'Unknown device type' in info.value.message


def test_vlan_where_the_kernel_has_8021q_bridges_a_sub_interface(kernel):
    kernel.links['eth1'] = {'kind': None, 'mtu': 1500, 'up': True}
    plumbing.ensure_network(
        network(network_type='vlan', segmentation_id=42,
                physical_network='physnet1'),
        '192.0.2.1', ['physnet1:eth1'])
    assert ('ip link add link eth1 name eth1.42 type vlan id 42'
            in kernel.changing())
    assert kernel.links['eth1.42']['master'] == BRIDGE


def test_unknown_network_type_is_refused(kernel):
    with pytest.raises(errors.PlumbingConfigError, match="'gre'"):
        plumbing.ensure_network(network(network_type='gre'), '192.0.2.1')


def test_delete_network_if_unused_keeps_a_bridge_with_a_tap(kernel):
    plumbing.ensure_network(network(), '192.0.2.1')
    kernel.links['tap3f1c2a4b-5d'] = {'kind': 'tun', 'mtu': 1450,
                                      'up': True, 'master': BRIDGE}
    assert plumbing.delete_network_if_unused(network()) is False
    assert BRIDGE in kernel.links
    del kernel.links['tap3f1c2a4b-5d']
    assert plumbing.delete_network_if_unused(network()) is True
    assert BRIDGE not in kernel.links and 'vxlan-17' not in kernel.links


def test_delete_flat_network_releases_the_host_interface(kernel):
    kernel.links['eth1'] = {'kind': None, 'mtu': 1500, 'up': True}
    net = network(network_type='flat', physical_network='public')
    plumbing.ensure_network(net, '192.0.2.1', ['public:eth1'])
    assert plumbing.delete_network_if_unused(
        net, interface_mappings=['public:eth1'])
    assert 'eth1' in kernel.links and kernel.links['eth1']['master'] is None


@pytest.mark.parametrize('entry', ['public', ':eth1', 'public:'])
def test_bad_interface_mappings_are_named(entry):
    with pytest.raises(ValueError, match='physnet:interface'):
        plumbing.parse_mappings([entry])
