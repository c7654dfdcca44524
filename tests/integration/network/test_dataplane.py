# SPDX-License-Identifier: Apache-2.0
"""The data plane on real kernel objects: bridges, VXLAN, dnsmasq, nft.

Two "hosts" are network namespaces joined by an underlay veth; guests
are namespaces plugged into a host's bridge (dataplane_env). Nothing
outside these namespaces (and the qdhcp-<id> namespace of DhcpDriver) is
touched or sent traffic to.
"""

import gzip
import threading
import time

import pytest

from nova_like.network import model
from nova_like.network.linux import dhcp
from nova_like.network.linux import errors
from nova_like.network.linux import firewall
from nova_like.network.linux import ip_lib
from nova_like.network.linux import plumbing
from tests.integration.network import dataplane_env as env_mod
from tests.integration.network.dataplane_env import ping


def test_guests_on_two_hosts_reach_each_other_over_vxlan(env):
    net = env_mod.new_network(vni=101)
    g1 = env.guest('h1', net, '10.77.0.11/24')
    g2 = env.guest('h2', net, '10.77.0.12/24')

    assert ping(g1['netns'], '10.77.0.12', count=2)
    assert ping(g2['netns'], '10.77.0.11')
    vxlan = ip_lib.link_info('vxlan-101', env.hosts['h1'])
    data = vxlan['linkinfo']['info_data']
    assert (data['id'], data['local'], data['port']) == (
        101, '192.0.2.1', 4789)
    assert vxlan['master'] == net['bridge']
    assert vxlan['mtu'] == 1450
    assert plumbing.flood_peers('vxlan-101', env.hosts['h1']) == {
        '192.0.2.2'}


def test_guest_of_another_vni_cannot_reach_them(env):
    net_a = env_mod.new_network(vni=201)
    net_b = env_mod.new_network(vni=202)
    a1 = env.guest('h1', net_a, '10.77.0.11/24')
    env.guest('h2', net_a, '10.77.0.12/24')
    b2 = env.guest('h2', net_b, '10.77.0.13/24')
    b1 = env.guest('h1', net_b, '10.77.0.14/24')

    assert ping(b1['netns'], '10.77.0.13')          # net B itself works
    assert ping(a1['netns'], '10.77.0.12')
    assert not ping(b2['netns'], '10.77.0.11')
    assert not ping(b2['netns'], '10.77.0.12')


def test_ensure_network_twice_changes_nothing(env):
    net = env_mod.new_network(vni=301)
    env.ensure('h1', net)
    commands = []
    real = ip_lib.set_runner(None)
    ip_lib.set_runner(lambda argv, text: (commands.append(argv)
                                          or real(argv, text)))
    try:
        env.ensure('h1', net)
    finally:
        ip_lib.set_runner(real)
    changing = [c for c in commands
                if {'add', 'set', 'del', 'append'} & set(c)
                and 'show' not in c]
    assert commands and not changing


def test_concurrent_ensure_network_calls_all_succeed(env):
    net = env_mod.new_network(vni=302, peers=['192.0.2.2'])
    failures = []

    def call():
        try:
            plumbing.ensure_network(net, '192.0.2.1',
                                    netns=env.hosts['h1'])
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert ip_lib.bridge_ports(net['bridge'], env.hosts['h1']) == [
        'vxlan-302']
    assert plumbing.flood_peers('vxlan-302', env.hosts['h1']) == {
        '192.0.2.2'}


def test_set_peers_adds_missing_and_removes_stale(env):
    net = env_mod.new_network(vni=303)
    h1 = env.hosts['h1']
    plumbing.ensure_network(dict(net, peers=['192.0.2.2', '192.0.2.9']),
                            '192.0.2.1', netns=h1)
    assert plumbing.flood_peers('vxlan-303', h1) == {
        '192.0.2.2', '192.0.2.9'}
    plumbing.set_peers(net, '192.0.2.1', ['192.0.2.2', '192.0.2.1'],
                       netns=h1)
    assert plumbing.flood_peers('vxlan-303', h1) == {'192.0.2.2'}


def test_delete_network_if_unused_keeps_a_bridge_with_a_port(env):
    net = env_mod.new_network(vni=304)
    h1 = env.hosts['h1']
    guest = env.guest('h1', net, '10.77.0.11/24')

    assert plumbing.delete_network_if_unused(net, netns=h1) is False
    assert ip_lib.device_exists(net['bridge'], h1)
    ip_lib.delete_link(guest['devname'], h1)
    assert plumbing.delete_network_if_unused(net, netns=h1) is True
    assert not ip_lib.device_exists(net['bridge'], h1)
    assert not ip_lib.device_exists('vxlan-304', h1)


def _kernel_has_8021q():
    try:
        with gzip.open('/proc/config.gz', 'rt') as handle:
            return 'CONFIG_VLAN_8021Q=' in handle.read()
    except OSError:
        return None


def test_vlan_network_on_this_kernel(env):
    h1 = env.hosts['h1']
    net = env_mod.new_network('vlan', vni=42, physical_network='physnet1')
    has_vlan = _kernel_has_8021q()
    if has_vlan is False:
        with pytest.raises(errors.KernelSupportMissing, match='8021q'):
            plumbing.ensure_network(net, '192.0.2.1', ['physnet1:ul'],
                                    netns=h1)
    else:
        plumbing.ensure_network(net, '192.0.2.1', ['physnet1:ul'],
                                netns=h1)
        assert 'ul.42' in ip_lib.bridge_ports(net['bridge'], h1)


def test_flat_network_bridges_the_mapped_interface_with_a_gateway(env):
    h1 = env.hosts['h1']
    net = env_mod.new_network('flat', physical_network='public')
    bridge = plumbing.ensure_network(net, '192.0.2.1', ['public:brpub'],
                                     netns=h1, gateway_cidr='10.78.0.1/24')
    plumbing.ensure_network(net, '192.0.2.1', ['public:brpub'], netns=h1,
                            gateway_cidr='10.78.0.1/24')
    guest = env.guest('h1', net, '10.78.0.5/24',
                      mappings=['public:brpub'])

    assert ip_lib.link_kind(ip_lib.link_info('brpub', h1)) == 'bridge'
    outer, inner = plumbing.uplink_veth_names(net['id'])
    assert ip_lib.bridge_ports(bridge, h1) == [outer, guest['devname']]
    assert ip_lib.bridge_ports('brpub', h1) == [inner]
    assert ping(guest['netns'], '10.78.0.1')       # the host's gateway
    ip_lib.delete_link(guest['devname'], h1)
    assert plumbing.delete_network_if_unused(
        net, netns=h1, interface_mappings=['public:brpub'])
    assert not ip_lib.device_exists(outer, h1)


def _udhcpc(netns):
    return env_mod.run(['busybox', 'udhcpc', '-i', 'eth0', '-f', '-q',
                        '-n', '-t', '4', '-T', '1', '-s', '/bin/true'],
                       netns, check=False).stderr


def test_dhcp_gives_a_guest_on_another_host_its_host_entry(env, dhcp_conf):
    net = env_mod.new_network(vni=401, peers=['192.0.2.2'], subnets=[{
        'id': 'sub1', 'cidr': '10.77.0.0/24', 'version': 4,
        'gateway': '10.77.0.1', 'dns': ['10.77.0.3'], 'routes': [],
        'dhcp_server': '10.77.0.2', 'ips': []}])
    guest = env.guest('h2', net)
    driver = env.dhcp_driver(
        dhcp.DhcpDriver(dhcp_conf, netns=env.hosts['h1']), net['id'])
    # The guest's port is firewalled: DHCP must pass its chains.
    fw = firewall.NftablesFirewall(netns=env.hosts['h2'])
    fw.apply_port(dict(guest, network=dict(guest['network'], subnets=[
        dict(guest['network']['subnets'][0], ips=[
            {'address': '10.77.0.50', 'version': 4}])])))
    hosts = [{'mac': guest['address'], 'ip': '10.77.0.50',
              'hostname': 'vm-one'},
             {'mac': 'fa:16:3e:00:00:01', 'ip': '10.77.0.51',
              'hostname': None}]

    assert driver.sync(dict(net, hosts=hosts)) == 'started'
    assert 'lease of 10.77.0.50 obtained' in _udhcpc(guest['netns'])
    assert driver.sync(dict(net, hosts=hosts)) == 'unchanged'
    assert driver.active_networks() == [net['id']]

    moved = [dict(hosts[0], ip='10.77.0.60')] + hosts[1:]
    assert driver.sync(dict(net, hosts=moved)) == 'reloaded'
    time.sleep(0.2)                      # dnsmasq handles SIGHUP async
    assert 'lease of 10.77.0.60 obtained' in _udhcpc(guest['netns'])

    pid = driver.pid(net['id'])
    env_mod.run(['kill', '-9', str(pid)])
    for _ in range(50):
        if driver.pid(net['id']) is None:
            break
        time.sleep(0.02)
    assert driver.sync(dict(net, hosts=moved)) == 'started'
    assert driver.pid(net['id']) not in (None, pid)

    driver.disable(net['id'])
    assert driver.pid(net['id']) is None
    assert not ip_lib.netns_exists(dhcp.netns_name(net['id']))
    assert driver.active_networks() == []
    assert not ip_lib.device_exists(dhcp.veth_names(net['id'])[0],
                                    env.hosts['h1'])


def _tcp_open(netns, address, port):
    return env_mod.run(['busybox', 'nc', '-w', '1', address, str(port)],
                       netns, check=False, timeout=5).returncode == 0


def test_security_group_rules_open_and_close_a_port(env):
    net = env_mod.new_network(vni=501)
    g1 = env.guest('h1', net, '10.77.0.11/24')
    g2 = env.guest('h2', net, '10.77.0.12/24')
    env.popen(['busybox', 'nc', '-ll', '-p', '5000', '-e', '/bin/true'],
              g1['netns'])
    fw = firewall.NftablesFirewall(netns=env.hosts['h1'])
    egress_all = {'direction': 'egress', 'ethertype': 'IPv4',
                  'protocol': None, 'port_range_min': None,
                  'port_range_max': None, 'remote_ip_prefixes': None}
    icmp_in = {'direction': 'ingress', 'ethertype': 'IPv4',
               'protocol': 'icmp', 'port_range_min': None,
               'port_range_max': None,
               'remote_ip_prefixes': ['10.77.0.0/24']}
    tcp_in = dict(icmp_in, protocol='tcp', port_range_min=5000,
                  port_range_max=5000)
    time.sleep(0.1)
    assert _tcp_open(g2['netns'], '10.77.0.11', 5000)

    g1['security_groups'] = [{'id': 'sg', 'rules': [egress_all]}]
    fw.apply_port(g1)
    assert not ping(g2['netns'], '10.77.0.11')
    assert not _tcp_open(g2['netns'], '10.77.0.11', 5000)
    assert ping(g1['netns'], '10.77.0.12')            # replies come back
    assert fw.ports() == [g1['devname']]

    g1['security_groups'][0]['rules'].append(icmp_in)
    fw.apply_port(g1)
    assert ping(g2['netns'], '10.77.0.11')
    assert not _tcp_open(g2['netns'], '10.77.0.11', 5000)

    g1['security_groups'][0]['rules'].append(tcp_in)
    fw.apply_port(g1)
    assert _tcp_open(g2['netns'], '10.77.0.11', 5000)

    g1['security_groups'][0]['rules'].remove(tcp_in)
    fw.apply_port(g1)
    assert not _tcp_open(g2['netns'], '10.77.0.11', 5000)

    fw.remove_port(g1)
    fw.remove_port(g1)
    assert fw.ports() == []
    assert ping(g2['netns'], '10.77.0.11')


def test_a_guest_cannot_send_from_an_address_it_was_not_given(env):
    net = env_mod.new_network(vni=502)
    g1 = env.guest('h1', net, '10.77.0.11/24')
    g2 = env.guest('h2', net, '10.77.0.12/24')
    g1['security_groups'] = [{'id': 'sg', 'rules': [{
        'direction': 'egress', 'ethertype': 'IPv4', 'protocol': None,
        'remote_ip_prefixes': ['0.0.0.0/0']}]}]
    firewall.NftablesFirewall(netns=env.hosts['h1']).apply_port(g1)
    assert ping(g1['netns'], '10.77.0.12')
    ip_lib.ip(['addr', 'flush', 'dev', 'eth0'], netns=g1['netns'])
    ip_lib.ip(['addr', 'add', '10.77.0.99/24', 'dev', 'eth0'],
              netns=g1['netns'])
    assert not ping(g1['netns'], '10.77.0.12')
    assert model.tap_name(g2['id']) == g2['devname']


def test_ingress_rules_of_the_receiver_apply_between_guests_of_a_host(
        env):
    net = env_mod.new_network(vni=503)
    g1 = env.guest('h1', net, '10.77.0.11/24')
    g2 = env.guest('h1', net, '10.77.0.12/24')
    egress_all = {'direction': 'egress', 'ethertype': 'IPv4',
                  'protocol': None, 'remote_ip_prefixes': None}
    fw = firewall.NftablesFirewall(netns=env.hosts['h1'])
    for guest in (g1, g2):
        guest['security_groups'] = [{'id': 'sg', 'rules': [egress_all]}]
        fw.apply_port(guest)

    # g1's egress lets the echo out; g2's ingress does not let it in.
    assert not ping(g1['netns'], '10.77.0.12')
    g2['security_groups'][0]['rules'].append({
        'direction': 'ingress', 'ethertype': 'IPv4', 'protocol': 'icmp',
        'remote_ip_prefixes': ['10.77.0.11/32']})
    fw.apply_port(g2)
    assert ping(g1['netns'], '10.77.0.12')
    assert not ping(g2['netns'], '10.77.0.11')
