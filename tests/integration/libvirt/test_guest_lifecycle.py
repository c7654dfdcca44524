# SPDX-License-Identifier: Apache-2.0
"""LibvirtDriver on a real libvirtd + QEMU.

One small guest through its whole life, in order.

The guest is tools/build-test-image.sh's kernel and initramfs; its /init
prints what it read from the config drive and the disks it sees, so every
step is checked in the serial console log.
"""

import os
import re
import uuid

import pytest

from nova_like import conf
from nova_like import objects
from nova_like.virt import power_state
from tests.integration.cloud import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.libvirt]

CONF = conf.CONF
BOOT = 180  # seconds; software emulation on a loaded two-core machine
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINovaLikeTestKey lv@test'


@pytest.fixture(scope='module')
def lv(qemu_uri, test_image_dir, glance_standin, tmp_path_factory):
    from nova_like.virt.libvirt import driver as libvirt_driver
    objects.register_all()
    CONF([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    path = tmp_path_factory.mktemp('lv')
    CONF.set_override('connection_uri', qemu_uri, group='libvirt')
    CONF.set_override('instances_path', str(path / 'instances'),
                      group='libvirt')
    CONF.set_override('soft_reboot_timeout', 60, group='libvirt')
    kernel = glance_standin.add(os.path.join(test_image_dir, 'vmlinuz'),
                                'aki')
    ramdisk = glance_standin.add(os.path.join(test_image_dir, 'initrd.img'),
                                 'ari')
    image = glance_standin.add(
        os.path.join(test_image_dir, 'disk.qcow2'), 'qcow2',
        kernel_id=kernel['id'], ramdisk_id=ramdisk['id'],
        os_command_line='console=ttyS0 quiet')
    drv = libvirt_driver.LibvirtDriver(glance=glance_standin.client())
    drv.init_host('lvhost')
    drv.events = []
    drv.register_event_listener(
        lambda uuid_, state: drv.events.append((uuid_, state)))
    flavor = objects.Flavor(name='m1.lv', flavorid='lv', memory_mb=128,
                            vcpus=1, root_gb=1, ephemeral_gb=0)
    drv.instance = objects.Instance(
        uuid=str(uuid.uuid4()), display_name='lv guest', hostname='lv-guest',
        flavor=flavor, key_name='lvkey', key_data=KEY, user_data=None,
        config_drive='True', metadata={}, project_id='p')
    drv.image = image
    drv.tmp = path
    try:
        yield drv
    finally:
        drv.destroy(None, drv.instance)
        drv.cleanup_host()
        for name in ('connection_uri', 'instances_path',
                     'soft_reboot_timeout'):
            CONF.clear_override(name, group='libvirt')


def _console(lv):
    return lv.get_console_output(None, lv.instance)


def _boots(lv):
    return _console(lv).count('GUEST-BOOTED lv-guest')


def _wait_boots(lv, count):
    """Wait for the count-th boot, until the guest listens to ACPI."""
    wait_for(lambda: _console(lv).count('ACPI-READY') >= count, BOOT,
             'boot number %d of the guest (console: %s)'
             % (count, _console(lv)[-300:]))
    assert _boots(lv) == count


def _state(lv):
    return lv.get_info(lv.instance)['power_state']


def _disks(lv):
    """The disks the guest last said it has."""
    lines = re.findall(r'^(?:DISKS|DISKS-CHANGED) (.*)$', _console(lv),
                       re.MULTILINE)
    return lines[-1].split() if lines else None


def test_spawn_boots_and_reads_the_config_drive(lv):
    lv.spawn(None, lv.instance, lv.image)
    assert _state(lv) == power_state.RUNNING
    _wait_boots(lv, 1)
    output = _console(lv)
    # The config drive is an IDE CD-ROM (i440fx), sr0 in the guest.
    assert 'CONFIG-DRIVE /dev/sr0' in output
    assert 'PUBLIC-KEY %s' % KEY in output
    assert '"hostname": "lv-guest"' in output
    assert 'ROOT-MARKER NOVA-LIKE-ROOT-DISK' in output
    assert 'sr0' in _disks(lv)


def test_soft_reboot_goes_through_acpi(lv):
    lv.reboot(None, lv.instance, 'SOFT')
    assert 'GUEST-ACPI-SHUTDOWN' in _console(lv)
    _wait_boots(lv, 2)
    assert _state(lv) == power_state.RUNNING


def test_hard_reboot(lv):
    lv.reboot(None, lv.instance, 'HARD')
    _wait_boots(lv, 3)


def test_power_off_and_on(lv):
    lv.power_off(lv.instance, timeout=60)
    assert _state(lv) == power_state.SHUTDOWN
    lv.power_on(None, lv.instance)
    _wait_boots(lv, 4)
    assert _state(lv) == power_state.RUNNING


def test_pause_and_unpause(lv):
    lv.pause(lv.instance)
    assert _state(lv) == power_state.PAUSED
    lv.unpause(lv.instance)
    assert _state(lv) == power_state.RUNNING


def test_suspend_and_resume(lv):
    lv.suspend(None, lv.instance)
    assert _state(lv) == power_state.SUSPENDED
    lv.resume(None, lv.instance)
    assert _state(lv) == power_state.RUNNING
    assert _boots(lv) == 4  # restored, not booted again


def test_attach_and_detach_a_qcow2_disk(lv):
    from nova_like.virt.libvirt import images
    wait_for(lambda: _disks(lv), 30, 'the guest listing its disks')
    before = _disks(lv)
    volume = str(lv.tmp / 'volume.qcow2')
    images.create_blank(volume, 64 * 1024 * 1024)
    lv.attach_disk(lv.instance, volume, 'vdc')
    wait_for(lambda: len(_disks(lv)) == len(before) + 1, 60,
             'the guest seeing the new disk (console: %s)'
             % _console(lv)[-300:])
    lv.detach_disk(lv.instance, 'vdc')
    wait_for(lambda: _disks(lv) == before, 60,
             'the guest seeing the disk go')


def test_a_guest_that_shuts_itself_down_is_reported(lv, qemu_uri):
    import libvirt
    lv.events.clear()
    other = libvirt.open(qemu_uri)  # not through the driver: "on its own"
    try:
        other.lookupByUUIDString(lv.instance.uuid).shutdown()
    finally:
        other.close()
    wait_for(lambda: (lv.instance.uuid, power_state.SHUTDOWN) in lv.events,
             60, 'a SHUTDOWN event (events: %s)' % lv.events)
    assert _state(lv) == power_state.SHUTDOWN


def test_destroy_leaves_no_domain_overlay_or_log(lv, qemu_uri):
    import libvirt
    lv.power_on(None, lv.instance)
    lv.destroy(None, lv.instance)
    conn = libvirt.open(qemu_uri)
    try:
        assert lv.instance.uuid not in [d.UUIDString()
                                        for d in conn.listAllDomains(0)]
    finally:
        conn.close()
    instances = CONF.libvirt.instances_path
    assert os.listdir(instances) == ['_base']
    assert sorted(os.listdir(os.path.join(instances, '_base'))) == sorted(
        [lv.image['id'], lv.image['properties']['kernel_id'],
         lv.image['properties']['ramdisk_id']])


def test_a_q35_guest_reads_its_config_drive_from_sata(lv, glance_standin,
                                                      test_image_dir):
    from nova_like.virt.libvirt import config
    props = lv.image['properties']
    image = glance_standin.add(
        os.path.join(test_image_dir, 'disk.qcow2'), 'qcow2',
        kernel_id=props['kernel_id'], ramdisk_id=props['ramdisk_id'],
        os_command_line='console=ttyS0 quiet', hw_machine_type='q35')
    instance = objects.Instance(
        uuid=str(uuid.uuid4()), display_name='lv q35', hostname='lv-q35',
        flavor=lv.instance.flavor, key_name='lvkey', key_data=KEY,
        user_data=None, config_drive='True', metadata={}, project_id='p')
    lv.spawn(None, instance, image)
    try:
        disks = config.disk_targets(lv.host.lookup(instance.uuid).XMLDesc(0))
        assert sorted(disks) == ['sda', 'vda']
        wait_for(lambda: 'GUEST-BOOTED lv-q35' in lv.get_console_output(
            None, instance), BOOT, 'the q35 guest booting (console: %s)'
            % lv.get_console_output(None, instance)[-300:])
        output = lv.get_console_output(None, instance)
        assert 'CONFIG-DRIVE /dev/sr0' in output
        assert 'PUBLIC-KEY %s' % KEY in output
    finally:
        lv.destroy(None, instance)
