# SPDX-License-Identifier: Apache-2.0
"""Domain XML of a guest, built from plain values.

No libvirt connection needed.
"""

import dataclasses
from xml.etree import ElementTree as ET

METADATA_NS = 'https://nova-like.invalid/xmlns/libvirt/instance/1.0'


@dataclasses.dataclass
class Disk:
    """One disk of a guest: a file on the host seen at target on bus.

    device is what the guest sees: 'disk', or 'cdrom' (the config drive).
    A volume may be a block device (source_type 'block', path its device)
    or a network disk QEMU opens itself (source_type 'network': path is
    the source name, such as an iSCSI target's iqn/lun, on hosts
    ((name, port), ...), logging in as initiator with the CHAP password
    of the libvirt secret auth_secret_uuid).
    """

    path: str
    target: str
    bus: str = 'virtio'
    fmt: str = 'qcow2'
    readonly: bool = False
    serial: str = None
    device: str = 'disk'
    source_type: str = 'file'
    protocol: str = None
    hosts: tuple = ()
    initiator: str = None
    auth_username: str = None
    auth_secret_type: str = None
    auth_secret_uuid: str = None
    cache: str = None


@dataclasses.dataclass
class Nic:
    """One NIC: user-mode networking, or a tap on a host bridge."""

    kind: str = 'user'
    bridge: str = None
    model: str = 'virtio'
    mac: str = None
    target: str = None      # the tap's name on the host
    mtu: int = None


@dataclasses.dataclass
class Guest:
    """Everything the domain XML says about a guest."""

    name: str
    uuid: str
    memory_mb: int
    vcpus: int
    virt_type: str
    console_log: str
    disks: list
    nics: list = dataclasses.field(default_factory=list)
    arch: str = 'x86_64'
    machine: str = None
    kernel: str = None
    ramdisk: str = None
    cmdline: str = None
    metadata: dict = dataclasses.field(default_factory=dict)


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, {k.rstrip('_'): str(v)
                                          for k, v in attrs.items()
                                          if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def disk_element(disk):
    """The <disk> element of disk (also what attach and detach send)."""
    element = ET.Element('disk', type=disk.source_type, device=disk.device)
    _sub(element, 'driver', name='qemu', type=disk.fmt, cache=disk.cache)
    if disk.source_type == 'network':
        source = _sub(element, 'source', protocol=disk.protocol,
                      name=disk.path)
        for name, port in disk.hosts:
            _sub(source, 'host', name=name, port=port)
        if disk.initiator:
            _sub(_sub(source, 'initiator'), 'iqn', name=disk.initiator)
    elif disk.source_type == 'block':
        _sub(element, 'source', dev=disk.path)
    else:
        _sub(element, 'source', file=disk.path)
    if disk.auth_username:
        auth = _sub(element, 'auth', username=disk.auth_username)
        _sub(auth, 'secret', type=disk.auth_secret_type,
             uuid=disk.auth_secret_uuid)
    _sub(element, 'target', dev=disk.target, bus=disk.bus)
    if disk.readonly:
        _sub(element, 'readonly')
    if disk.serial:
        _sub(element, 'serial', disk.serial)
    return element


def disk_xml(disk):
    return ET.tostring(disk_element(disk), encoding='unicode')


def nic_element(nic):
    """The <interface> element of nic (also what hot-plug sends)."""
    if nic.kind == 'bridge':
        element = ET.Element('interface', type='bridge')
        _sub(element, 'source', bridge=nic.bridge)
    else:
        element = ET.Element('interface', type='user')
    if nic.mac:
        _sub(element, 'mac', address=nic.mac)
    _sub(element, 'model', type=nic.model)
    if nic.target:
        _sub(element, 'target', dev=nic.target)
    if nic.mtu:
        _sub(element, 'mtu', size=nic.mtu)
    return element


def nic_xml(nic):
    return ET.tostring(nic_element(nic), encoding='unicode')


def domain_xml(guest):
    """The <domain> document that defines guest."""
    domain = ET.Element('domain', type=guest.virt_type)
    _sub(domain, 'name', guest.name)
    _sub(domain, 'uuid', guest.uuid)
    if guest.metadata:
        meta = _sub(domain, 'metadata')
        ET.register_namespace('nl', METADATA_NS)
        instance = _sub(meta, '{%s}instance' % METADATA_NS)
        for key, value in sorted(guest.metadata.items()):
            _sub(instance, '{%s}%s' % (METADATA_NS, key), value)
    _sub(domain, 'memory', guest.memory_mb, unit='MiB')
    _sub(domain, 'vcpu', guest.vcpus)
    os_ = _sub(domain, 'os')
    _sub(os_, 'type', 'hvm', arch=guest.arch, machine=guest.machine)
    if guest.kernel:
        _sub(os_, 'kernel', guest.kernel)
        if guest.ramdisk:
            _sub(os_, 'initrd', guest.ramdisk)
        if guest.cmdline:
            _sub(os_, 'cmdline', guest.cmdline)
    else:
        _sub(os_, 'boot', dev='hd')
    features = _sub(domain, 'features')
    _sub(features, 'acpi')
    _sub(features, 'apic')
    _sub(domain, 'clock', offset='utc')
    _sub(domain, 'on_poweroff', 'destroy')
    _sub(domain, 'on_reboot', 'restart')
    _sub(domain, 'on_crash', 'destroy')
    devices = _sub(domain, 'devices')
    for disk in guest.disks:
        devices.append(disk_element(disk))
    for nic in guest.nics:
        devices.append(nic_element(nic))
    serial = _sub(devices, 'serial', type='pty')
    _sub(serial, 'log', file=guest.console_log, append='on')
    _sub(serial, 'target', port=0)
    console = _sub(devices, 'console', type='pty')
    _sub(console, 'target', type='serial', port=0)
    _sub(devices, 'memballoon', model='none')
    ET.indent(domain)
    return ET.tostring(domain, encoding='unicode')


def disk_targets(xml):
    """{target dev: source} of the disks in a domain's XML.

    The source is a file's path, a block device's path or a network
    disk's name (an iSCSI disk's iqn/lun).
    """
    found = {}
    for disk in ET.fromstring(xml).iter('disk'):
        target = disk.find('target')
        source = disk.find('source')
        if target is not None:
            found[target.get('dev')] = None if source is None else (
                source.get('file') or source.get('dev') or
                source.get('name'))
    return found


def nics(xml):
    """{MAC: Nic} of the bridge NICs in a domain's XML."""
    found = {}
    for element in ET.fromstring(xml).iter('interface'):
        if element.get('type') != 'bridge':
            continue
        mac = element.find('mac')
        source = element.find('source')
        target = element.find('target')
        model = element.find('model')
        if mac is None:
            continue
        found[mac.get('address')] = Nic(
            'bridge', source.get('bridge') if source is not None else None,
            model.get('type') if model is not None else 'virtio',
            mac.get('address'),
            target.get('dev') if target is not None else None)
    return found
