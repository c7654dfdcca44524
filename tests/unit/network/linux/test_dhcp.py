# SPDX-License-Identifier: Apache-2.0
"""dhcp: dnsmasq's files and arguments, and when it is started or HUPed."""

import os
import signal

import pytest

from nova_like.network.linux import dhcp

NET_ID = '3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b'


def network(**kwargs):
    net = {'id': NET_ID, 'bridge': 'brq3f1c2a4b-5d', 'mtu': 1450,
           'network_type': 'vxlan', 'segmentation_id': 17,
           'physical_network': None, 'peers': [],
           'subnets': [{'id': 'sub1', 'cidr': '10.0.0.0/26', 'version': 4,
                        'gateway': '10.0.0.1', 'dns': ['10.0.0.3', '9.9.9.9'],
                        'routes': [{'destination': '10.9.0.0/16',
                                    'nexthop': '10.0.0.4'}],
                        'dhcp_server': '10.0.0.2', 'ips': []}],
           'hosts': [{'mac': 'FA:16:3E:00:00:09', 'ip': '10.0.0.9',
                      'hostname': 'web_1.example'},
                     {'mac': 'fa:16:3e:00:00:05', 'ip': '10.0.0.5',
                      'hostname': None}]}
    net.update(kwargs)
    return net


@pytest.fixture
def driver(conf, tmp_path, kernel, monkeypatch):
    conf.set_override('state_path', str(tmp_path / 'state'), 'network')
    conf.set_override('local_ip', '192.0.2.1', 'network')
    drv = dhcp.DhcpDriver(conf)
    drv.running = None
    monkeypatch.setattr(drv, 'pid', lambda net_id: drv.running)
    drv.signals = []
    monkeypatch.setattr(os, 'kill',
                        lambda pid, sig: drv.signals.append((pid, sig)))
    monkeypatch.setattr(dhcp.ip_lib, 'netns_exists', lambda name: True)
    return drv


def test_hosts_file_has_one_mac_hostname_ip_line_per_port():
    assert dhcp.hosts_text(network()) == (
        'fa:16:3e:00:00:05,host-10-0-0-5,10.0.0.5\n'
        'fa:16:3e:00:00:09,web-1-example,10.0.0.9\n')


def test_opts_file_router_dns_routes_and_mtu_per_subnet():
    assert dhcp.opts_text(network()).splitlines() == [
        'tag:subnet-sub1,option:router,10.0.0.1',
        'tag:subnet-sub1,option:dns-server,10.0.0.3,9.9.9.9',
        ('tag:subnet-sub1,option:classless-static-route,'
         '10.9.0.0/16,10.0.0.4,0.0.0.0/0,10.0.0.1'),
        'tag:subnet-sub1,option:mtu,1450']


def test_a_subnet_without_gateway_sends_an_empty_router_option():
    net = network()
    net['subnets'][0].update(gateway=None, dns=[], routes=[])
    assert dhcp.opts_text(dict(net, mtu=None)) == (
        'tag:subnet-sub1,option:router\n')


def test_dnsmasq_arguments(driver, tmp_path):
    state = str(tmp_path / 'state' / NET_ID)
    argv = driver.cmdline(network(), 'ns-3f1c2a4b-5d')
    assert argv[0] == 'dnsmasq'
    for arg in ['--no-hosts', '--no-resolv', '--strict-order',
                '--except-interface=lo', '--bind-interfaces',
                '--interface=ns-3f1c2a4b-5d',
                '--dhcp-hostsfile=%s/host' % state,
                '--dhcp-optsfile=%s/opts' % state,
                '--dhcp-leasefile=%s/leases' % state,
                '--pid-file=%s/pid' % state,
                ('--dhcp-range=set:subnet-sub1,10.0.0.0,static,'
                 '255.255.255.192,86400s')]:
        assert arg in argv


def test_first_sync_starts_dnsmasq_in_the_namespace(driver, kernel,
                                                    tmp_path):
    assert driver.sync(network()) == 'started'
    ns = 'qdhcp-' + NET_ID
    changing = kernel.changing()
    assert ('ip link add dh-3f1c2a4b-5d type veth peer name ns-3f1c2a4b-5d '
            'netns %s' % ns) in changing
    assert ('ip netns exec %s ip addr add 10.0.0.2/26 dev ns-3f1c2a4b-5d'
            % ns) in changing
    assert changing[-1].startswith('ip netns exec %s dnsmasq ' % ns)
    state = tmp_path / 'state' / NET_ID
    assert (state / 'host').read_text() == dhcp.hosts_text(network())
    assert driver.active_networks() == [NET_ID]


def test_host_changes_are_a_sighup_option_changes_a_restart(
        driver, kernel, conf):
    driver.sync(network())
    driver.running = 4242
    kernel.commands.clear()
    assert driver.sync(network()) == 'unchanged'
    assert driver.signals == []

    hosts = network()['hosts'][:1]
    assert driver.sync(network(hosts=hosts)) == 'reloaded'
    assert driver.signals == [(4242, signal.SIGHUP)]
    assert not any('dnsmasq' in c for c in kernel.changing())

    conf.set_override('dhcp_lease_duration', 600, 'network')
    assert driver.sync(network(hosts=hosts)) == 'started'
    assert driver.signals[-1] == (4242, signal.SIGTERM)
    assert '600s' in kernel.changing()[-1]


def test_many_new_ports_are_a_sighup_and_no_command(driver, kernel):
    """dnsmasq's arguments do not change with the number of ports (its
    lease limit is the subnets'), and when only ports changed the bridge
    and namespace are not looked at again: a burst of boots costs a
    rewritten hosts file and a SIGHUP."""
    driver.sync(network())
    driver.running = 4242
    kernel.commands.clear()
    many = [{'mac': 'fa:16:3e:00:01:%02x' % i, 'ip': '10.0.0.%d' % (10 + i),
             'hostname': 'vm%d' % i} for i in range(40)]
    assert driver.sync(network(hosts=many)) == 'reloaded'
    assert driver.signals == [(4242, signal.SIGHUP)]
    assert kernel.commands == []
    assert '--dhcp-lease-max=64' in driver.cmdline(network(), 'ns-x')


def test_a_dead_dnsmasq_is_started_again(driver, kernel):
    driver.sync(network())
    kernel.commands.clear()
    assert driver.sync(network()) == 'started'      # pid() finds none
    assert 'dnsmasq' in kernel.changing()[-1]


def test_a_network_without_dhcp_subnets_is_disabled(driver, tmp_path):
    driver.sync(network())
    net = network()
    net['subnets'][0]['dhcp_server'] = None
    assert driver.sync(net) == 'disabled'
    assert driver.active_networks() == []
    assert not (tmp_path / 'state' / NET_ID).exists()


def test_disable_stops_dnsmasq_and_removes_namespace_and_files(
        driver, kernel, tmp_path):
    driver.sync(network())
    driver.running = 4242
    kernel.commands.clear()
    driver.disable(NET_ID)
    assert driver.signals[0] == (4242, signal.SIGTERM)
    assert 'ip netns delete qdhcp-' + NET_ID in kernel.changing()
    assert not (tmp_path / 'state' / NET_ID).exists()
    assert driver.active_networks() == []
