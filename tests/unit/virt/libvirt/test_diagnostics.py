# SPDX-License-Identifier: Apache-2.0
"""virt/libvirt/diagnostics.py against a stub domain."""

import libvirt

from nova_like.virt.libvirt import diagnostics

_XML = """<domain><devices>
  <disk type='file' device='disk'><target dev='vda' bus='virtio'/></disk>
  <disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>
  <interface type='ethernet'><mac address='fa:16:3e:00:00:01'/>
    <target dev='tap1'/></interface>
  <interface type='ethernet'><mac address='fa:16:3e:00:00:02'/></interface>
</devices></domain>"""


class StubDomain:
    """The libvirt.virDomain calls diagnostics makes."""

    def XMLDesc(self, flags):
        return _XML

    def info(self):
        return [libvirt.VIR_DOMAIN_RUNNING, 262144, 262144, 2, 10]

    def memoryStats(self):
        return {'actual': 262144, 'rss': 102400}

    def vcpus(self):
        return ([(0, 1, 1000, 0), (1, 1, 2000, 1)], [])

    def blockStats(self, dev):
        if dev == 'sda':
            raise libvirt.libvirtError('no stats for sda')
        return (1, 512, 2, 1024, 0)

    def interfaceStats(self, dev):
        return (100, 2, 0, 0, 200, 3, 0, 1)


def test_standard_shape_from_the_domain():
    found = diagnostics.of(StubDomain(), 'kvm', True)
    assert found['state'] == 'running'
    assert (found['driver'], found['hypervisor'], found['config_drive']) == (
        'libvirt', 'kvm', True)
    assert (found['num_cpus'], found['num_disks'], found['num_nics']) == (
        2, 2, 2)
    assert found['memory_details'] == {'maximum': 256, 'used': 100}
    assert found['cpu_details'] == [
        {'id': 0, 'time': 1000, 'utilisation': None},
        {'id': 1, 'time': 2000, 'utilisation': None}]
    assert found['disk_details'][0] == {
        'read_bytes': 512, 'read_requests': 1, 'write_bytes': 1024,
        'write_requests': 2, 'errors_count': 0}
    assert set(found['disk_details'][1].values()) == {None}
    first, second = found['nic_details']
    assert (first['mac_address'], first['rx_octets'], first['tx_drop'],
            first['rx_rate']) == ('fa:16:3e:00:00:01', 100, 1, None)
    assert second['mac_address'] == 'fa:16:3e:00:00:02'
    assert second['rx_octets'] is None
