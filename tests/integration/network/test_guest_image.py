# SPDX-License-Identifier: Apache-2.0
"""The test image's guest takes its DHCP lease and pings its router.

QEMU (TCG, no libvirt) runs the image of tools/build-test-image.sh on
host h2 with a tap in h2's bridge and nftables rules on it; dnsmasq
(DhcpDriver) and the "router" (a namespace holding the gateway
address) are on host h1, across VXLAN.
"""

import os
import shutil
import time
import uuid

from nova_like.network import model
from nova_like.network.linux import dhcp
from nova_like.network.linux import firewall
from nova_like.network.linux import ip_lib
from tests import db_servers
from tests import libvirt_env
from tests.integration.network import dataplane_env as env_mod

QEMU = 'qemu-system-x86_64'


def _wait_for(path, markers, timeout):
    deadline = time.monotonic() + timeout
    text = ''
    while time.monotonic() < deadline:
        try:
            with open(path, errors='replace') as handle:
                text = handle.read()
        except FileNotFoundError:
            pass
        if any(marker in text for marker in markers):
            time.sleep(0.3)           # the rest of the line
            with open(path, errors='replace') as handle:
                return handle.read()
        time.sleep(0.2)
    return text


def test_guest_gets_the_host_entry_address_and_pings_its_router(
        env, dhcp_conf, tmp_path):
    if shutil.which(QEMU) is None:
        db_servers.unavailable('%s is missing (tools/ensure-libvirt.sh '
                               'installs it)' % QEMU)
    image = libvirt_env.build_test_image()
    net = env_mod.new_network(vni=601, subnets=[{
        'id': 'sub1', 'cidr': '10.77.0.0/24', 'version': 4,
        'gateway': '10.77.0.1', 'dns': [], 'routes': [],
        'dhcp_server': '10.77.0.2', 'ips': []}])
    env.guest('h1', net, '10.77.0.1/24', name='rt')     # the router
    port_id = str(uuid.uuid4())
    tap = model.tap_name(port_id)
    mac = 'fa:16:3e:%02x:%02x:%02x' % tuple(os.urandom(3))
    h2 = env.hosts['h2']
    bridge = env.ensure('h2', net)
    ip_lib.ip(['tuntap', 'add', tap, 'mode', 'tap'], netns=h2)
    ip_lib.ip(['link', 'set', tap, 'master', bridge, 'up'], netns=h2)
    vif = {'id': port_id, 'devname': tap, 'address': mac,
           'network': dict(net, subnets=[dict(net['subnets'][0], ips=[
               {'address': '10.77.0.42', 'type': 'fixed', 'version': 4}])]),
           'security_groups': [{'id': 'sg', 'rules': [{
               'direction': 'egress', 'ethertype': 'IPv4',
               'protocol': None, 'remote_ip_prefixes': None}]}]}
    firewall.NftablesFirewall(netns=h2).apply_port(vif)
    driver = env.dhcp_driver(
        dhcp.DhcpDriver(dhcp_conf, netns=env.hosts['h1']), net['id'])
    driver.sync(dict(net, hosts=[{'mac': mac, 'ip': '10.77.0.42',
                                  'hostname': 'vm'}]))
    console = str(tmp_path / 'console.log')
    qemu = env.popen([QEMU, '-m', '128', '-display', 'none', '-nodefaults',
                      '-kernel', os.path.join(image, 'vmlinuz'),
                      '-initrd', os.path.join(image, 'initrd.img'),
                      '-append', 'console=ttyS0 quiet hostname=vm',
                      '-serial', 'file:' + console,
                      '-netdev', 'tap,id=n0,ifname=%s,script=no,'
                      'downscript=no' % tap,
                      '-device', 'virtio-net-pci,netdev=n0,mac=' + mac], h2)

    text = _wait_for(console, ('PING-ROUTER', 'DHCP-FAILED'), 90)
    assert qemu.poll() is None, text[-2000:]
    assert 'DHCP-LEASE eth0 ip=10.77.0.42/24 router=10.77.0.1' in text, (
        text[-2000:])
    assert 'mtu=1450' in text
    assert 'PING-ROUTER 10.77.0.1 received=3/3' in text
