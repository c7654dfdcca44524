# SPDX-License-Identifier: Apache-2.0
"""firewall: security group rules as nft rules on a guest's bridge port."""

import pytest

from nova_like.network.linux import firewall

PREFIX = 'add rule bridge nova_like '
VIF = {
    'id': 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    'devname': 'tapa1b2c3d4-e5', 'address': 'FA:16:3E:00:00:05',
    'network': {'subnets': [{'ips': [
        {'address': '10.0.0.5', 'type': 'fixed', 'version': 4}]}]},
    'security_groups': [{'id': 'sg', 'name': 'default', 'rules': [
        {'direction': 'ingress', 'ethertype': 'IPv4', 'protocol': 'tcp',
         'port_range_min': 22, 'port_range_max': 22,
         'remote_ip_prefixes': ['10.0.0.0/26']},
        {'direction': 'egress', 'ethertype': 'IPv4', 'protocol': None,
         'port_range_min': None, 'port_range_max': None,
         'remote_ip_prefixes': ['0.0.0.0/0']},
        {'direction': 'egress', 'ethertype': 'IPv6', 'protocol': None,
         'remote_ip_prefixes': ['::/0']}]}],
}


def rule(**kwargs):
    base = {'direction': 'ingress', 'ethertype': 'IPv4', 'protocol': None,
            'port_range_min': None, 'port_range_max': None,
            'remote_ip_prefixes': None}
    base.update(kwargs)
    return base


@pytest.mark.parametrize('kwargs,direction,expected', [
    ({}, 'ingress', ''),
    ({'protocol': 'tcp', 'port_range_min': 80, 'port_range_max': 89},
     'ingress', 'ip protocol tcp tcp dport 80-89'),
    ({'protocol': 'udp', 'port_range_min': 53, 'port_range_max': 53},
     'ingress', 'ip protocol udp udp dport 53'),
    ({'protocol': '6'}, 'ingress', 'ip protocol tcp'),
    ({'protocol': 'icmp', 'port_range_min': 8, 'port_range_max': 0},
     'ingress', 'ip protocol icmp icmp type 8 icmp code 0'),
    ({'protocol': 'icmp'}, 'ingress', 'ip protocol icmp'),
    ({'protocol': 47}, 'ingress', 'ip protocol 47'),
    ({'remote_ip_prefixes': ['10.0.0.0/24', '10.1.0.7/32']}, 'ingress',
     'ip saddr { 10.0.0.0/24, 10.1.0.7/32 }'),
    ({'remote_ip_prefixes': ['10.0.0.0/24']}, 'egress',
     'ip daddr { 10.0.0.0/24 }'),
    ({'remote_ip_prefixes': ['0.0.0.0/0']}, 'ingress', ''),
    ({'remote_ip_prefixes': []}, 'ingress', None),   # empty remote group
    ({'ethertype': 'IPv6'}, 'ingress', None),
])
def test_rule_match(kwargs, direction, expected):
    assert firewall.rule_match(rule(direction=direction, **kwargs),
                               direction) == expected


def test_a_protocol_that_is_not_a_name_or_number_is_refused():
    with pytest.raises(ValueError, match='protocol'):
        firewall.rule_match(rule(protocol='tcp; drop'), 'ingress')


def test_port_chains_allow_only_the_ports_mac_and_addresses():
    script = firewall.port_script(VIF)
    frm = [line.split(' ', 5)[5] for line in script
           if line.startswith(PREFIX + 'from-tapa1b2c3d4-e5 ')]
    assert frm == [
        'ether saddr != fa:16:3e:00:00:05 drop',
        'ether type arp arp saddr ether != fa:16:3e:00:00:05 drop',
        'ether type arp arp saddr ip != { 0.0.0.0, 10.0.0.5 } drop',
        'ether type arp return',
        'ether type != ip drop',
        ('ip saddr 0.0.0.0 ip daddr 255.255.255.255 udp sport 68 '
         'udp dport 67 return'),
        'udp sport 67 udp dport 68 drop',
        'ip saddr != { 10.0.0.5 } drop',
        'udp sport 68 udp dport 67 return',
        'meta mark & 0x04000000 == 0x04000000 return',
        'return',                            # egress to 0.0.0.0/0
        'drop']
    into = [line.split(' ', 5)[5] for line in script
            if line.startswith(PREFIX + 'to-tapa1b2c3d4-e5 ')]
    assert into == [
        'ether type arp accept',
        'ether type != ip drop',
        'udp sport 67 udp dport 68 accept',
        'meta mark & 0x04000000 == 0x04000000 accept',
        'ip saddr { 10.0.0.0/26 } ip protocol tcp tcp dport 22 accept',
        'drop']
    assert script[-2:] == [
        ('add element bridge nova_like from_port { "tapa1b2c3d4-e5" : '
         'jump from-tapa1b2c3d4-e5 }'),
        ('add element bridge nova_like to_port { "tapa1b2c3d4-e5" : '
         'jump to-tapa1b2c3d4-e5 }')]


def test_a_port_without_addresses_sends_nothing_but_dhcp_and_arp():
    vif = dict(VIF, network={'subnets': [{'ips': []}]})
    frm = [line for line in firewall.port_script(vif)
           if ' from-tapa1b2c3d4-e5 ' in line and 'add rule' in line]
    assert frm[-1].endswith(' drop') and not any(
        line.endswith((' accept', ' return')) and 'udp dport 67' not in line
        and 'arp' not in line for line in frm)


def test_apply_port_is_one_nft_transaction_in_the_namespace(kernel):
    firewall.NftablesFirewall(netns='h1').apply_port(VIF)
    (sysctl, _), (nft, text) = kernel.commands
    assert sysctl == ['ip', 'netns', 'exec', 'h1', 'sysctl', '-qw',
                      'net.bridge.bridge-nf-call-iptables=1']
    assert nft == ['ip', 'netns', 'exec', 'h1', 'nft', '-f', '-']
    assert text == '\n'.join(firewall.port_script(VIF)) + '\n'
    assert 'add table inet nova_like' in text
    assert ('add rule inet nova_like prerouting ct state '
            'established,related meta mark set meta mark | 0x04000000'
            in text)


def test_remove_port_deletes_its_chains_even_when_absent(kernel):
    firewall.NftablesFirewall().remove_port(VIF)
    text = kernel.commands[-1][1]
    assert text.splitlines()[-5:] == [
        'add chain bridge nova_like to-tapa1b2c3d4-e5',
        ('add element bridge nova_like to_port { "tapa1b2c3d4-e5" : '
         'jump to-tapa1b2c3d4-e5 }'),
        'delete element bridge nova_like to_port { "tapa1b2c3d4-e5" }',
        'flush chain bridge nova_like to-tapa1b2c3d4-e5',
        'delete chain bridge nova_like to-tapa1b2c3d4-e5']


def test_noop_firewall_runs_nothing(kernel):
    fw = firewall.firewall_driver('noop')
    fw.apply_port(VIF)
    fw.remove_port(VIF)
    assert kernel.commands == []
    assert isinstance(firewall.firewall_driver('nftables'),
                      firewall.NftablesFirewall)


GROUP = '5e6f7a8b-0000-4000-8000-00000000beef'


def test_a_remote_group_rule_matches_the_groups_member_set():
    vif = dict(VIF, security_groups=[{'id': GROUP, 'name': 'default',
                                      'rules': [rule(
                                          remote_group_id=GROUP,
                                          remote_ip_prefixes=[
                                              '10.0.0.5/32',
                                              '10.0.0.9/32'])]}])
    script = firewall.port_script(vif)
    name = 'rg-' + GROUP
    # The set comes first, filled with the members the VIF names.
    assert script.index('add set bridge nova_like %s { type ipv4_addr; }'
                        % name) < script.index(
        'add element bridge nova_like %s { 10.0.0.5, 10.0.0.9 }' % name)
    assert (PREFIX + 'to-tapa1b2c3d4-e5 ip saddr @%s accept' % name
            in script)


def test_set_group_members_refills_only_the_set(kernel):
    firewall.NftablesFirewall().set_group_members(
        GROUP, ['10.0.0.7', 'fe80::1', '10.0.0.3'])
    text = kernel.commands[-1][1]
    assert text.splitlines() == [
        'add table bridge nova_like',
        'add set bridge nova_like rg-%s { type ipv4_addr; }' % GROUP,
        'flush set bridge nova_like rg-%s' % GROUP,
        'add element bridge nova_like rg-%s { 10.0.0.3, 10.0.0.7 }'
        % GROUP]


def test_a_vif_without_members_leaves_the_set_as_the_last_refill_made_it():
    vif = dict(VIF, security_groups=[{'id': GROUP, 'name': 'default',
                                      'rules': [rule(
                                          remote_group_id=GROUP,
                                          remote_ip_prefixes=None)]}])
    script = firewall.port_script(vif)
    assert 'add set bridge nova_like rg-%s { type ipv4_addr; }' % GROUP \
        in script
    assert not [line for line in script if line.startswith(
        ('flush set', 'add element bridge nova_like rg-'))]
