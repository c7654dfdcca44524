# SPDX-License-Identifier: Apache-2.0
"""LibvirtDriver against libvirt's in-process test:///default hypervisor.

Images come from a Glance stand-in.
"""

import os
import time
from xml.etree import ElementTree as ET

import pytest

from tests import libvirt_env

libvirt_env.require_binding()

import libvirt  # noqa: E402

from nova_like import exception  # noqa: E402
from nova_like.virt import power_state  # noqa: E402
from nova_like.virt.libvirt import driver as libvirt_driver  # noqa: E402
from tests.unit.virt.libvirt import fixtures  # noqa: E402
from tests import waiters  # noqa: E402


@pytest.fixture
def drv(conf, tmp_path, glance):
    conf.set_override('connection_uri', 'test:///default', group='libvirt')
    conf.set_override('instances_path', str(tmp_path / 'instances'),
                      group='libvirt')
    driver = libvirt_driver.LibvirtDriver(glance=glance.client())
    driver.init_host('cmp1')
    yield driver
    for uuid in driver.list_instance_uuids():
        dom = driver.host.lookup(uuid)
        if dom.isActive():
            dom.destroy()
        dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
    driver.cleanup_host()


@pytest.fixture
def image(glance, tmp_path):
    return glance.add(fixtures.bootable_raw(tmp_path / 'boot.raw'), 'raw')


def _files(drv):
    found = []
    for root, _dirs, files in os.walk(drv.instances_path):
        found += [os.path.relpath(os.path.join(root, f), drv.instances_path)
                  for f in files]
    return sorted(found)


def test_spawn_defines_and_starts_the_domain(drv, image):
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    assert drv.list_instance_uuids() == [inst.uuid]
    assert drv.get_info(inst) == {'power_state': power_state.RUNNING}
    dom = drv.host.lookup(inst.uuid)
    assert dom.name() == 'instance-' + inst.uuid
    assert dom.info()[3] == 1 and dom.info()[1] == 128 * 1024
    assert _files(drv) == sorted([
        '_base/' + image['id'], inst.uuid + '/disk',
        inst.uuid + '/disk.info', inst.uuid + '/libvirt.xml'])


def test_the_root_disk_is_an_overlay_of_the_cached_image(drv, image):
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    facts = libvirt_driver.images.info(
        os.path.join(drv.instances_path, inst.uuid, 'disk'), 'qcow2')
    assert facts['backing-filename'] == os.path.join(
        drv.instances_path, '_base', image['id'])
    assert facts['virtual-size'] == 1024 ** 3


def test_the_image_is_downloaded_once_per_host(drv, image, glance):
    drv.spawn(None, fixtures.instance(), image)
    drv.spawn(None, fixtures.instance(), image)
    assert glance.downloads == [image['id']]


def _disks(drv, inst):
    """(device, target, bus, format, read-only) of each disk of inst."""
    xml = ET.fromstring(drv.host.lookup(inst.uuid).XMLDesc(0))
    return [(d.get('device'), d.find('target').get('dev'),
             d.find('target').get('bus'), d.find('driver').get('type'),
             d.find('readonly') is not None) for d in xml.iter('disk')]


def test_ephemeral_disk_and_config_drive(drv, image):
    inst = fixtures.instance(flavor=fixtures.flavor(ephemeral_gb=2),
                             config_drive='True')
    drv.spawn(None, inst, image)
    xml = drv.host.lookup(inst.uuid).XMLDesc(0)
    disks = libvirt_driver.config.disk_targets(xml)
    base = os.path.join(drv.instances_path, inst.uuid)
    assert disks == {'vda': base + '/disk', 'vdb': base + '/disk.eph0',
                     'hda': base + '/disk.config'}
    assert libvirt_driver.images.info(
        base + '/disk.eph0', 'qcow2')['virtual-size'] == 2 * 1024 ** 3


def test_host_uptime_is_what_the_uptime_command_prints(drv):
    text = drv.get_host_uptime()
    assert ' up ' in text and 'load average' in text


def test_the_guests_own_disks_are_never_detached(drv, image):
    inst = fixtures.instance(flavor=fixtures.flavor(ephemeral_gb=2),
                             config_drive='True')
    drv.spawn(None, inst, image)
    for target, what in (('vda', 'root disk'), ('vdb', 'ephemeral disk'),
                         ('hda', 'config drive')):
        with pytest.raises(exception.HypervisorError) as caught:
            drv.detach_disk(inst, target)
        assert 'is its %s, not an attached disk' % what in \
            caught.value.message
    assert len(_disks(drv, inst)) == 3


def test_the_config_drive_is_a_read_only_ide_cdrom(drv, image):
    inst = fixtures.instance(config_drive='True')
    drv.spawn(None, inst, image)
    assert _disks(drv, inst) == [
        ('disk', 'vda', 'virtio', 'qcow2', False),
        ('cdrom', 'hda', 'ide', 'raw', True)]


def test_on_q35_the_config_drive_is_a_sata_cdrom(drv, glance, tmp_path):
    image = glance.add(fixtures.bootable_raw(tmp_path / 'q35.raw'), 'raw',
                       hw_machine_type='pc-q35-7.2')
    inst = fixtures.instance(config_drive='True')
    drv.spawn(None, inst, image)
    assert _disks(drv, inst) == [
        ('disk', 'vda', 'virtio', 'qcow2', False),
        ('cdrom', 'sda', 'sata', 'raw', True)]


def test_targets_follow_the_bus_and_never_collide(drv, glance, tmp_path):
    flavor = fixtures.flavor(ephemeral_gb=1)
    ide = glance.add(fixtures.bootable_raw(tmp_path / 'ide.raw'), 'raw',
                     hw_disk_bus='ide')
    inst = fixtures.instance(flavor=flavor, config_drive='True')
    drv.spawn(None, inst, ide)
    assert [d[:3] for d in _disks(drv, inst)] == [
        ('disk', 'hda', 'ide'), ('disk', 'hdb', 'ide'),
        ('cdrom', 'hdc', 'ide')]
    sata = glance.add(fixtures.bootable_raw(tmp_path / 'sata.raw'), 'raw',
                      hw_disk_bus='sata', hw_machine_type='q35')
    inst = fixtures.instance(flavor=flavor, config_drive='True')
    drv.spawn(None, inst, sata)
    assert [d[:3] for d in _disks(drv, inst)] == [
        ('disk', 'sda', 'sata'), ('disk', 'sdb', 'sata'),
        ('cdrom', 'sdc', 'sata')]


def test_the_image_can_name_the_cdrom_bus(drv, glance, tmp_path):
    image = glance.add(fixtures.bootable_raw(tmp_path / 'b.raw'), 'raw',
                       hw_cdrom_bus='sata')
    inst = fixtures.instance(config_drive='True')
    drv.spawn(None, inst, image)
    assert _disks(drv, inst)[-1] == ('cdrom', 'sda', 'sata', 'raw', True)
    virtio = glance.add(fixtures.bootable_raw(tmp_path / 'v.raw'), 'raw',
                        hw_cdrom_bus='virtio')
    _spawn_fails(drv, fixtures.instance(config_drive='True'), virtio,
                 'image property hw_cdrom_bus=virtio cannot hold a CD-ROM; '
                 'use one of ide, sata, scsi, usb')
    assert len(drv.list_instance_uuids()) == 1


def test_no_config_drive_unless_asked_or_forced(drv, image, conf):
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    assert not os.path.exists(os.path.join(drv.instances_path, inst.uuid,
                                           'disk.config'))
    conf.set_override('force_config_drive', True, group='libvirt')
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    assert os.path.exists(os.path.join(drv.instances_path, inst.uuid,
                                       'disk.config'))


def test_direct_kernel_boot_from_kernel_and_ramdisk_images(
        drv, glance, tmp_path):
    kernel = glance.add(fixtures.fake_kernel(tmp_path / 'vmlinuz'), 'aki')
    ramdisk = glance.add(fixtures.unbootable_raw(tmp_path / 'initrd'), 'ari')
    root = glance.add(fixtures.qcow2(tmp_path / 'root.qcow2'), 'qcow2',
                      kernel_id=kernel['id'], ramdisk_id=ramdisk['id'],
                      os_command_line='console=ttyS0 quiet')
    inst = fixtures.instance()
    drv.spawn(None, inst, root)
    xml = open(os.path.join(drv.instances_path, inst.uuid,
                            'libvirt.xml')).read()
    base = os.path.join(drv.instances_path, '_base')
    assert '<kernel>%s/%s</kernel>' % (base, kernel['id']) in xml
    assert '<initrd>%s/%s</initrd>' % (base, ramdisk['id']) in xml
    assert '<cmdline>console=ttyS0 quiet</cmdline>' in xml


@pytest.mark.parametrize('bus, root', [(None, '/dev/vda'),
                                       ('ide', '/dev/sda'),
                                       ('scsi', '/dev/sda')])
def test_kernel_boot_without_a_command_line_names_the_root_disk_of_its_bus(
        drv, glance, tmp_path, bus, root):
    kernel = glance.add(fixtures.fake_kernel(tmp_path / 'vmlinuz'), 'aki')
    props = {'kernel_id': kernel['id']}
    if bus:
        props['hw_disk_bus'] = bus
    image = glance.add(fixtures.qcow2(tmp_path / 'root.qcow2'), 'qcow2',
                       **props)
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    xml = open(os.path.join(drv.instances_path, inst.uuid,
                            'libvirt.xml')).read()
    assert '<cmdline>console=ttyS0 root=%s</cmdline>' % root in xml


def test_destroy_removes_domain_and_files_but_keeps_the_cache(drv, image):
    inst = fixtures.instance(config_drive='True')
    drv.spawn(None, inst, image)
    drv.destroy(None, inst)
    assert drv.host.lookup(inst.uuid) is None
    assert _files(drv) == ['_base/' + image['id']]
    drv.destroy(None, inst)  # absent: a no-op


def _spawn_fails(drv, inst, image, reason):
    with pytest.raises(exception.HypervisorError) as caught:
        drv.spawn(None, inst, image)
    assert reason in caught.value.message
    assert drv.host.lookup(inst.uuid) is None
    return caught.value.message


def test_unbootable_image_fails_and_leaves_nothing(drv, glance, tmp_path):
    image = glance.add(fixtures.unbootable_raw(tmp_path / 'tiny.raw'), 'raw')
    message = _spawn_fails(drv, fixtures.instance(), image,
                           'image %s is not bootable' % image['id'])
    assert 'cmp1' in message
    assert _files(drv) == []


def test_image_larger_than_the_flavor_disk(drv, glance, tmp_path):
    image = glance.add(fixtures.qcow2(tmp_path / 'big.qcow2', '3G'),
                       'qcow2')
    _spawn_fails(drv, fixtures.instance(), image,
                 'image %s is too large for flavor m1.test: it needs 3.0 '
                 'GiB, the flavor\'s root disk is 1 GiB' % image['id'])
    assert _files(drv) == []


def test_missing_kernel(drv, glance, tmp_path):
    image = glance.add(fixtures.qcow2(tmp_path / 'root.qcow2'), 'qcow2',
                       kernel_id='no-such-kernel')
    _spawn_fails(drv, fixtures.instance(), image,
                 'kernel image no-such-kernel could not be found in Glance')
    assert _files(drv) == []


def test_kernel_that_is_not_a_kernel(drv, glance, tmp_path):
    kernel = glance.add(fixtures.unbootable_raw(tmp_path / 'k'), 'aki')
    image = glance.add(fixtures.qcow2(tmp_path / 'root.qcow2'), 'qcow2',
                       kernel_id=kernel['id'])
    _spawn_fails(drv, fixtures.instance(), image,
                 'is not a bootable Linux kernel')
    assert _files(drv) == []


def test_corrupt_download_is_refused(drv, glance, tmp_path):
    image = glance.add(fixtures.bootable_raw(tmp_path / 'b.raw'), 'raw',
                       os_hash_value='0' * 128)
    _spawn_fails(drv, fixtures.instance(), image, 'checksum')
    assert _files(drv) == []


def test_a_failed_spawn_keeps_only_bases_that_other_guests_use(
        drv, glance, image, tmp_path, conf):
    drv.spawn(None, fixtures.instance(), image)
    conf.set_override('mkisofs_cmd', 'no-such-mkisofs', group='libvirt')
    _spawn_fails(drv, fixtures.instance(config_drive='True'), image,
                 'no-such-mkisofs is not installed')
    fresh = glance.add(fixtures.bootable_raw(tmp_path / 'fresh.raw'), 'raw')
    _spawn_fails(drv, fixtures.instance(config_drive='True'), fresh,
                 'no-such-mkisofs is not installed')
    assert [f for f in _files(drv) if f.startswith('_base/')] == [
        '_base/' + image['id']]
    assert len(drv.list_instance_uuids()) == 1


def test_lifecycle(drv, image):
    inst = fixtures.instance()
    drv.spawn(None, inst, image)

    def state():
        return drv.get_info(inst)['power_state']

    drv.pause(inst)
    assert state() == power_state.PAUSED
    drv.unpause(inst)
    assert state() == power_state.RUNNING
    drv.suspend(None, inst)
    assert state() == power_state.SUSPENDED
    drv.resume(None, inst)
    assert state() == power_state.RUNNING
    drv.power_off(inst)
    assert state() == power_state.SHUTDOWN
    drv.power_on(None, inst)
    assert state() == power_state.RUNNING
    drv.reboot(None, inst, 'HARD')
    assert state() == power_state.RUNNING
    drv.reboot(None, inst, 'SOFT')
    assert state() == power_state.RUNNING
    drv.power_off(inst, timeout=5)
    assert state() == power_state.SHUTDOWN


def test_lifecycle_of_an_unknown_guest_is_instance_not_found(drv):
    inst = fixtures.instance()
    assert drv.get_info(inst) == {'power_state': power_state.NOSTATE}
    for call in (lambda: drv.power_off(inst), lambda: drv.pause(inst),
                 lambda: drv.reboot(None, inst, 'SOFT'),
                 lambda: drv.get_console_output(None, inst)):
        with pytest.raises(exception.InstanceNotFound):
            call()


def test_console_output_is_the_tail_of_the_log(drv, image, conf):
    conf.set_override('console_log_max_bytes', 1024, group='libvirt')
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    assert drv.get_console_output(None, inst) == ''
    with open(os.path.join(drv.instances_path, inst.uuid, 'console.log'),
              'w') as f:
        f.write('x' * 5000 + 'GUEST-BOOTED vm1\n')
    output = drv.get_console_output(None, inst)
    assert len(output) == 1024 and output.endswith('GUEST-BOOTED vm1\n')


def test_attach_is_refused_by_the_test_hypervisor_with_a_reason(
        drv, image, tmp_path):
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    with pytest.raises(exception.HypervisorError) as caught:
        drv.attach_disk(inst, fixtures.qcow2(tmp_path / 'v.qcow2'), 'vdb')
    assert 'attach of vdb' in caught.value.message


def test_guest_state_changes_on_its_own_are_emitted(drv, image):
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    seen = []
    drv.register_event_listener(lambda uuid, state: seen.append(
        (uuid, state)))
    drv.event_grace = 0.5
    drv.pause(inst)  # our own operations: not reported
    drv.unpause(inst)
    time.sleep(0.6)
    other = libvirt.open('test:///default')
    try:
        other.lookupByUUIDString(inst.uuid).destroy()
        waiters.wait_for(lambda: seen, 10, 'an event', interval=0.05)
    finally:
        other.close()
    assert seen == [(inst.uuid, power_state.SHUTDOWN)]


def test_resources_and_traits(drv, image):
    empty = drv.get_available_resource('cmp1')
    assert (empty['vcpus'], empty['memory_mb']) == (16, 3072)
    assert (empty['vcpus_used'], empty['memory_mb_used']) == (0, 0)
    assert empty['local_gb'] > 0
    assert empty['hypervisor_type'] == 'QEMU'
    assert empty['hypervisor_hostname'] == 'cmp1'
    drv.spawn(None, fixtures.instance(flavor=fixtures.flavor(vcpus=2)),
              image)
    used = drv.get_available_resource('cmp1')
    assert (used['vcpus_used'], used['memory_mb_used']) == (2, 128)
    assert isinstance(drv.get_traits('cmp1'), list)


def test_guests_of_other_hosts_and_foreign_domains_are_not_ours(
        drv, image, conf, tmp_path, glance):
    inst = fixtures.instance()
    drv.spawn(None, inst, image)
    conf.set_override('instances_path', str(tmp_path / 'other'),
                      group='libvirt')
    other = libvirt_driver.LibvirtDriver(glance=glance.client())
    other.init_host('cmp2')
    try:
        assert other.list_instance_uuids() == []
        assert drv.list_instance_uuids() == [inst.uuid]
    finally:
        other.cleanup_host()


class _DeafGuest:
    """A running domain that ignores the power button (stub)."""

    def __init__(self, listens_after=None):
        self.presses = 0
        self.listens_after = listens_after
        self.running = True

    def isActive(self):
        return self.running

    def shutdown(self):
        self.presses += 1
        if self.listens_after is not None and \
                self.presses > self.listens_after:
            self.running = False

    def state(self):
        return [libvirt.VIR_DOMAIN_RUNNING if self.running
                else libvirt.VIR_DOMAIN_SHUTOFF, 0]


def test_clean_shutdown_presses_again_then_gives_up(drv, monkeypatch):
    monkeypatch.setattr(libvirt_driver, '_SHUTDOWN_RETRY', 0.2)
    deaf = _DeafGuest()
    assert drv._clean_shutdown(deaf, 0.7) is False
    assert deaf.presses >= 3
    late = _DeafGuest(listens_after=1)
    assert drv._clean_shutdown(late, 5) is True
    assert late.presses == 2


def _local(path, volume_id='vol-1'):
    return {'driver_volume_type': 'local',
            'data': {'device_path': str(path), 'volume_id': volume_id,
                     'format': 'raw'}}


def test_volume_targets_and_refusals(drv, image, tmp_path):
    """test:///default cannot hot-plug (the real attach is in
    tests/integration/libvirt/test_volume_attach.py): the next free
    target, and what is refused before libvirt is asked."""
    inst = fixtures.instance(flavor=fixtures.flavor(ephemeral_gb=1),
                             config_drive='True')
    drv.spawn(None, inst, image)
    assert drv.get_device_name_for_instance(inst, set()) == '/dev/vdc'
    assert drv.get_device_name_for_instance(
        inst, {'/dev/vdc', '/dev/vdd'}) == '/dev/vde'
    volume = tmp_path / 'volume-1'
    volume.write_bytes(b'\0' * 4096)
    with pytest.raises(exception.HypervisorError) as caught:
        drv.attach_volume(inst, _local(volume), '/dev/vdb')
    assert 'already has a disk at vdb' in caught.value.message
    with pytest.raises(exception.HypervisorError) as caught:
        drv.attach_volume(inst, {'driver_volume_type': 'rbd', 'data': {}},
                          '/dev/vdc')
    assert "driver_volume_type 'rbd'" in caught.value.message
    with pytest.raises(exception.HypervisorError) as caught:
        drv.attach_volume(inst, _local(tmp_path / 'gone'), '/dev/vdc')
    assert 'cannot be opened here' in caught.value.message
    drv.detach_volume(inst, _local(volume), '/dev/vdc')  # absent: no-op
    assert [d[1] for d in _disks(drv, inst)] == ['vda', 'vdb', 'hda']
