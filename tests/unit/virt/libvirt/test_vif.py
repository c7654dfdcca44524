# SPDX-License-Identifier: Apache-2.0
"""Guest NICs from network_info: bridges made first, taps named, hot-plug.

The libvirt test driver holds the domains (it cannot hot-plug: that is
tested on real guests); the host's ip and nft commands go to the
FakeKernel of tests/unit/network/linux.
"""

import libvirt
import pytest

from tests import libvirt_env

libvirt_env.require_binding()

from nova_like.network import model  # noqa: E402
from nova_like.virt.libvirt import config  # noqa: E402
from nova_like.virt.libvirt import driver as libvirt_driver  # noqa: E402
from nova_like.virt.libvirt import vif as vif_mod  # noqa: E402
from tests.unit.network.linux.conftest import kernel  # noqa: E402,F401
from tests.unit.virt.libvirt import fixtures  # noqa: E402

NET = '5f0e4d1c-3b2a-4c9d-8e7f-6a5b4c3d2e1f'


def _vif(port_id, mac, address, vni=17):
    return {'id': port_id, 'address': mac, 'devname': model.tap_name(port_id),
            'type': 'bridge', 'active': True, 'preserve_on_delete': False,
            'tag': None, 'security_groups': [],
            'network': {'id': NET, 'label': 'private', 'tenant_id': 'p1',
                        'bridge': model.bridge_name(NET), 'mtu': 1450,
                        'network_type': 'vxlan', 'segmentation_id': vni,
                        'physical_network': None, 'peers': ['192.0.2.9'],
                        'subnets': [{'id': 's1', 'cidr': '10.0.0.0/26',
                                     'version': 4, 'gateway': '10.0.0.1',
                                     'dns': [], 'routes': [],
                                     'dhcp_server': '10.0.0.2',
                                     'ips': [{'address': address,
                                              'type': 'fixed',
                                              'version': 4}]}]}}


VIF1 = _vif('a1b2c3d4-0000-4000-8000-000000000001', 'fa:16:3e:00:00:01',
            '10.0.0.5')


@pytest.fixture
def drv(conf, tmp_path, glance, kernel):  # noqa: F811
    conf.set_override('connection_uri', 'test:///default', group='libvirt')
    conf.set_override('instances_path', str(tmp_path / 'instances'),
                      group='libvirt')
    conf.set_override('firewall_driver', 'noop', group='network')
    driver = libvirt_driver.LibvirtDriver(glance=glance.client())
    driver.init_host('cmp1')
    yield driver
    for uuid in driver.list_instance_uuids():
        dom = driver.host.lookup(uuid)
        if dom.isActive():
            dom.destroy()
        dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
    driver.cleanup_host()
    vif_mod._refreshed.clear()


@pytest.fixture
def image(glance, tmp_path):
    return glance.add(fixtures.bootable_raw(tmp_path / 'boot.raw'), 'raw')


def _nics(drv, inst):
    return config.nics(drv.host.lookup(inst.uuid).XMLDesc(0))


def test_each_vif_is_a_bridge_nic_with_its_mac_tap_and_mtu(drv, image,
                                                            kernel):  # noqa: F811
    inst = fixtures.instance(network_info=[VIF1])
    drv.spawn(None, inst, image)
    nic = _nics(drv, inst)['fa:16:3e:00:00:01']
    assert (nic.bridge, nic.target) == (model.bridge_name(NET),
                                        model.tap_name(VIF1['id']))
    xml = drv.host.lookup(inst.uuid).XMLDesc(0)
    assert "<mtu size='1450'/>" in xml or '<mtu size="1450"' in xml
    # The bridge and its VXLAN device (peers included) came first.
    bridge = model.bridge_name(NET)
    assert kernel.links[bridge]['kind'] == 'bridge'
    assert kernel.links['vxlan-17']['master'] == bridge
    assert kernel.fdb['vxlan-17'] == ['192.0.2.9']


def test_without_network_info_the_configured_vif_type_stays(drv, image):
    inst = fixtures.instance(network_info=[])
    drv.spawn(None, inst, image)
    xml = drv.host.lookup(inst.uuid).XMLDesc(0)
    assert "interface type='user'" in xml or 'interface type="user"' in xml


def test_destroy_removes_a_bridge_no_guest_uses(drv, image, kernel):  # noqa: F811
    inst = fixtures.instance(network_info=[VIF1])
    drv.spawn(None, inst, image)
    assert model.bridge_name(NET) in kernel.links
    drv.destroy(None, inst)
    # The test driver has no taps: the bridge is left with only its VXLAN
    # device, which is the network's own.
    assert model.bridge_name(NET) not in kernel.links
    assert 'vxlan-17' not in kernel.links


def test_refresh_network_points_the_tunnel_at_the_new_peers(
        drv, image, kernel):  # noqa: F811
    inst = fixtures.instance(network_info=[VIF1])
    drv.spawn(None, inst, image)
    drv.refresh_network(dict(VIF1['network'],
                             peers=['192.0.2.9', '192.0.2.10']))
    assert set(kernel.fdb['vxlan-17']) == {'192.0.2.9', '192.0.2.10'}


def test_host_netns_puts_every_command_of_the_host_in_that_namespace(
        drv, image, kernel, conf):  # noqa: F811
    conf.set_override('host_netns', 'nlh2', group='network')
    conf.set_override('firewall_driver', 'nftables', group='network')
    inst = fixtures.instance(network_info=[VIF1])
    drv.spawn(None, inst, image)
    drv.refresh_network(dict(VIF1['network'], peers=['192.0.2.10']))
    drv.refresh_security_group_members('g1', ['10.0.0.9'])
    drv.destroy(None, inst)
    commands = [argv for argv, _input in kernel.commands]
    inner = [' '.join(argv[4:]) for argv in commands]
    # Bridge, VXLAN device, peers, rules and their removal all ran ...
    for wanted in ('ip link add brq5f0e4d1c-3b type bridge',
                   'ip link add vxlan-17 type vxlan',
                   'bridge fdb append 00:00:00:00:00:00 dev vxlan-17',
                   'sysctl -qw', 'nft -f -',
                   'ip link del dev brq5f0e4d1c-3b'):
        assert any(c.startswith(wanted) for c in inner), (wanted, inner)
    # ... every one of them inside the host's namespace.
    assert [argv for argv in commands
            if argv[:4] != ['ip', 'netns', 'exec', 'nlh2']] == []


VIF2 = _vif('a1b2c3d4-0000-4000-8000-000000000002', 'fa:16:3e:00:00:02',
            '10.0.0.6')


def test_a_refresh_before_the_plug_is_not_lost(drv, image,
                                               kernel):  # noqa: F811
    # Another host joined after this guest's port was bound: its refresh
    # comes before the plug made the VXLAN device.
    drv.refresh_network(dict(VIF1['network'],
                             peers=['192.0.2.9', '192.0.2.10']))
    assert 'vxlan-17' not in kernel.links
    drv.spawn(None, fixtures.instance(network_info=[VIF1]), image)
    assert sorted(kernel.fdb['vxlan-17']) == ['192.0.2.10', '192.0.2.9']


def test_a_plug_with_older_peers_only_adds_and_a_refresh_removes(
        drv, image, kernel):  # noqa: F811
    drv.spawn(None, fixtures.instance(network_info=[VIF1]), image)
    # Set since VIF2's port was bound: by the network host in the same
    # namespace, or a refresh.
    kernel.fdb['vxlan-17'].append('192.0.2.10')
    drv.spawn(None, fixtures.instance(network_info=[VIF2]), image)
    assert sorted(kernel.fdb['vxlan-17']) == ['192.0.2.10', '192.0.2.9']
    drv.refresh_network(dict(VIF1['network'], peers=['192.0.2.11']))
    assert kernel.fdb['vxlan-17'] == ['192.0.2.11']
