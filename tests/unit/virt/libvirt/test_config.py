# SPDX-License-Identifier: Apache-2.0
"""Domain XML from plain values.

Sizes, disks, direct kernel boot, console log, NICs.
"""

from xml.etree import ElementTree as ET

from tests import libvirt_env

libvirt_env.require_binding()

from nova_like.virt.libvirt import config  # noqa: E402


def _guest(**kwargs):
    values = dict(name='instance-u1', uuid='u1', memory_mb=128, vcpus=2,
                  virt_type='qemu', console_log='/i/u1/console.log',
                  disks=[config.Disk('/i/u1/disk', 'vda')])
    values.update(kwargs)
    return config.Guest(**values)


def _parse(guest):
    return ET.fromstring(config.domain_xml(guest))


def test_sizes_name_and_type():
    dom = _parse(_guest())
    assert dom.get('type') == 'qemu'
    assert dom.findtext('name') == 'instance-u1'
    assert dom.findtext('uuid') == 'u1'
    assert (dom.findtext('memory'), dom.find('memory').get('unit')) == \
        ('128', 'MiB')
    assert dom.findtext('vcpu') == '2'
    assert dom.findtext('on_poweroff') == 'destroy'
    assert dom.find('features/acpi') is not None


def test_bios_boot_from_disk_without_kernel():
    dom = _parse(_guest())
    assert dom.find('os/kernel') is None
    assert dom.find('os/boot').get('dev') == 'hd'


def test_direct_kernel_boot():
    dom = _parse(_guest(kernel='/c/k', ramdisk='/c/r',
                        cmdline='console=ttyS0 quiet'))
    assert dom.findtext('os/kernel') == '/c/k'
    assert dom.findtext('os/initrd') == '/c/r'
    assert dom.findtext('os/cmdline') == 'console=ttyS0 quiet'
    assert dom.find('os/boot') is None


def test_disks_in_order_with_bus_format_and_readonly():
    dom = _parse(_guest(disks=[
        config.Disk('/i/disk', 'vda'),
        config.Disk('/i/disk.eph0', 'vdb', bus='scsi'),
        config.Disk('/i/disk.config', 'hda', bus='ide', fmt='raw',
                    readonly=True, device='cdrom')]))
    disks = dom.findall('devices/disk')
    assert [(d.get('device'), d.find('source').get('file'),
             d.find('target').get('dev'), d.find('target').get('bus'),
             d.find('driver').get('type'),
             d.find('readonly') is not None) for d in disks] == [
        ('disk', '/i/disk', 'vda', 'virtio', 'qcow2', False),
        ('disk', '/i/disk.eph0', 'vdb', 'scsi', 'qcow2', False),
        ('cdrom', '/i/disk.config', 'hda', 'ide', 'raw', True)]


def test_a_lone_disk_element_keeps_its_device():
    cdrom = ET.fromstring(config.disk_xml(config.Disk(
        '/i/disk.config', 'sda', bus='sata', fmt='raw', readonly=True,
        device='cdrom')))
    assert (cdrom.tag, cdrom.get('type'), cdrom.get('device')) == \
        ('disk', 'file', 'cdrom')
    assert cdrom.find('target').attrib == {'dev': 'sda', 'bus': 'sata'}
    assert ET.fromstring(config.disk_xml(config.Disk('/v', 'vdc'))).get(
        'device') == 'disk'


def test_serial_console_logs_to_the_instance_file():
    dom = _parse(_guest())
    log = dom.find('devices/serial/log')
    assert log.get('file') == '/i/u1/console.log'
    assert log.get('append') == 'on'
    assert dom.find('devices/console/target').get('type') == 'serial'


def test_nics():
    dom = _parse(_guest(nics=[config.Nic(), config.Nic('bridge', 'br9')]))
    user, bridge = dom.findall('devices/interface')
    assert user.get('type') == 'user'
    assert user.find('model').get('type') == 'virtio'
    assert bridge.get('type') == 'bridge'
    assert bridge.find('source').get('bridge') == 'br9'
    assert _parse(_guest()).find('devices/interface') is None


def test_metadata_in_our_namespace():
    dom = _parse(_guest(metadata={'host': 'cmp1', 'flavor': 'm1'}))
    ns = '{%s}' % config.METADATA_NS
    instance = dom.find('metadata/%sinstance' % ns)
    assert instance.findtext(ns + 'host') == 'cmp1'
    assert instance.findtext(ns + 'flavor') == 'm1'


def test_disk_targets_reads_back_the_disks_and_cdroms():
    xml = config.domain_xml(_guest(disks=[
        config.Disk('/a', 'vda'), config.Disk('/b', 'vdc'),
        config.Disk('/c', 'hda', bus='ide', fmt='raw', readonly=True,
                    device='cdrom')]))
    assert config.disk_targets(xml) == {'vda': '/a', 'vdc': '/b',
                                        'hda': '/c'}


def test_disk_targets_of_an_empty_cdrom_drive():
    xml = ("<domain><devices><disk type='file' device='cdrom'>"
           "<target dev='hdc' bus='ide'/><readonly/></disk>"
           "<disk type='file' device='disk'><source file='/a'/>"
           "<target dev='vda' bus='virtio'/></disk></devices></domain>")
    assert config.disk_targets(xml) == {'hdc': None, 'vda': '/a'}
