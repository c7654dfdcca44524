# SPDX-License-Identifier: Apache-2.0
"""A volume exported by tgtd over iSCSI with CHAP, hot-plugged in a guest.

The export path of docs/volumes-backends.md end to end on this machine:
targets.tgt exports a 64 MiB file on 127.0.0.1:3260 with a CHAP account
and an initiator ACL; the libvirt driver's guest (tools/build-test-
image.sh) gets it as a network disk through QEMU's own iSCSI initiator
and prints its size and first bytes; a wrong password and a foreign
initiator are refused; unexport removes the target. Everything the
module makes (targets, accounts, libvirt secrets, the guest) is removed
even when a test fails. tgtd is a machine service: started if absent
(tools/ensure-storage.sh), left running.
"""

import os
import re
import subprocess
import uuid

import pytest

from nova_like import conf
from nova_like import objects
from nova_like.volume.targets import tgt
from tests import db_servers
from tests import libvirt_env
from tests.glance_standin import GlanceStandIn
from tests.integration.cloud import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.libvirt]

CONF = conf.CONF
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
BOOT = 180  # seconds; software emulation on a loaded two-core machine
SIZE = 64 * 1024 * 1024
MARKER = b'NOVA-LIKE-ISCSI-VOLUME'
# Unique per run, so that cleanup finds exactly what this module made.
PREFIX = 'iqn.2010-10.org.openstack.test:%s-' % uuid.uuid4().hex[:8]
GUEST_IQN = 'iqn.2008-11.org.linux-kvm:nl-iscsi-test'


def _tgtd():
    """tgtd answering tgtadm, started by tools/ensure-storage.sh if needed."""
    result = subprocess.run([os.path.join(ROOT, 'tools', 'ensure-storage.sh')],
                            capture_output=True, text=True, timeout=600)
    try:
        tgt.targets()
    except tgt.TargetError as exc:
        db_servers.unavailable('tgtd is not usable (%s; ensure-storage.sh: '
                               '%s)' % (exc, result.stderr[-300:]))


def _ours():
    return {iqn: t for iqn, t in tgt.targets().items()
            if iqn.startswith(PREFIX)}


def _qemu_img_info(data, password=None, initiator=GUEST_IQN):
    """qemu-img info through QEMU's iSCSI initiator: (rc, output)."""
    opts = ('driver=iscsi,transport=tcp,portal=%s,target=%s,lun=%s,'
            'initiator-name=%s' % (data['target_portal'], data['target_iqn'],
                                   data['target_lun'], initiator))
    argv = ['qemu-img', 'info']
    if password is not None:
        argv += ['--object', 'secret,id=chap,data=%s' % password]
        opts += ',user=%s,password-secret=chap' % data['auth_username']
    result = subprocess.run(argv + ['--image-opts', opts],
                            capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope='module')
def lv(tmp_path_factory):
    """A running guest of the test image, booted by the libvirt driver."""
    libvirt_env.require_binding()
    libvirt_env.require_libvirtd().close()
    _tgtd()
    image_dir = libvirt_env.build_test_image()
    from nova_like.virt.libvirt import driver as libvirt_driver
    objects.register_all()
    CONF([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    path = tmp_path_factory.mktemp('iscsi')
    CONF.set_override('connection_uri', 'qemu:///system', group='libvirt')
    CONF.set_override('instances_path', str(path / 'instances'),
                      group='libvirt')
    glance = GlanceStandIn()
    kernel = glance.add(os.path.join(image_dir, 'vmlinuz'), 'aki')
    ramdisk = glance.add(os.path.join(image_dir, 'initrd.img'), 'ari')
    image = glance.add(os.path.join(image_dir, 'disk.qcow2'), 'qcow2',
                       kernel_id=kernel['id'], ramdisk_id=ramdisk['id'],
                       os_command_line='console=ttyS0 quiet')
    drv = libvirt_driver.LibvirtDriver(glance=glance.client())
    drv.init_host('iscsihost')
    flavor = objects.Flavor(name='m1.iscsi', flavorid='iscsi', memory_mb=128,
                            vcpus=1, root_gb=1, ephemeral_gb=0)
    drv.instance = objects.Instance(
        uuid=str(uuid.uuid4()), display_name='iscsi guest',
        hostname='iscsi-guest', flavor=flavor, key_name=None, key_data=None,
        user_data=None, config_drive=None, metadata={}, project_id='p')
    drv.tmp = path
    try:
        drv.spawn(None, drv.instance, image)
        wait_for(lambda: 'ACPI-READY' in _console(drv), BOOT,
                 'the guest booting (console: %s)' % _console(drv)[-300:])
        yield drv
    finally:
        try:
            drv.destroy(None, drv.instance)
        finally:
            _forget_secrets(drv)
            tgt.remove_targets(PREFIX)
            drv.cleanup_host()
            glance.stop()
            for name in ('connection_uri', 'instances_path'):
                CONF.clear_override(name, group='libvirt')


def _forget_secrets(drv):
    for secret in drv.host.get_connection().listAllSecrets(0):
        if (secret.usageID() or '').startswith(PREFIX):
            secret.undefine()


def _console(drv):
    return drv.get_console_output(None, drv.instance)


def _conn(drv):
    return drv.host.get_connection()


def _dom(drv):
    return _conn(drv).lookupByUUIDString(drv.instance.uuid)


@pytest.fixture
def volume_file(lv):
    path = lv.tmp / ('volume-%s' % uuid.uuid4().hex[:8])
    with open(path, 'wb') as f:
        f.write(MARKER)
        f.truncate(SIZE)
    return str(path)


def _attach(drv, info, target):
    import libvirt

    from nova_like.virt.libvirt import config
    from nova_like.virt.libvirt import volume
    disk = volume.connect(_conn(drv), info, target, initiator=GUEST_IQN)
    # As the driver's attach_disk hot-plugs: the live guest and its
    # persistent definition, so that detach_disk finds it in both.
    _dom(drv).attachDeviceFlags(config.disk_xml(disk),
                                libvirt.VIR_DOMAIN_AFFECT_LIVE |
                                libvirt.VIR_DOMAIN_AFFECT_CONFIG)


def test_the_guest_sees_the_lun_and_unexport_removes_it(lv, volume_file):
    from nova_like.virt.libvirt import volume
    info = tgt.export('v1', 'a1', volume_file, GUEST_IQN, prefix=PREFIX)
    data = info['data']
    assert data['target_portal'] == '127.0.0.1:3260'
    _attach(lv, info, 'vdb')
    line = 'DISK-ADDED vdb bytes=%d head=%s' % (SIZE, MARKER.decode())
    wait_for(lambda: line in _console(lv), 60,
             'the guest seeing the LUN (console: %s)' % _console(lv)[-300:])
    target = _ours()[data['target_iqn']]
    assert target['sessions'] == [GUEST_IQN]
    assert target['acls'] == [GUEST_IQN]
    assert target['accounts'] == [data['auth_username']]

    lv.detach_disk(lv.instance, 'vdb')
    wait_for(lambda: re.findall(r'^DISKS-CHANGED (.*)$', _console(lv),
                                re.MULTILINE)[-1].split() == ['vda'], 60,
             'the guest seeing the LUN go')
    volume.disconnect(_conn(lv), info)
    assert not [s for s in _conn(lv).listAllSecrets(0)
                if s.usageID() == volume.secret_usage(info)]
    tgt.unexport('v1', 'a1', prefix=PREFIX, username=data['auth_username'])
    assert _ours() == {}
    rc, out = _qemu_img_info(data, data['auth_password'])
    assert rc != 0, out


def test_wrong_chap_password_or_initiator_is_refused(lv, volume_file):
    import libvirt
    info = tgt.export('v2', 'a2', volume_file, GUEST_IQN, prefix=PREFIX)
    data = info['data']
    try:
        rc, out = _qemu_img_info(data, data['auth_password'])
        assert rc == 0 and 'virtual size: 64 MiB' in out, out
        rc, out = _qemu_img_info(data, 'not-the-password')
        assert rc != 0 and 'Authentication failure' in out, out
        rc, out = _qemu_img_info(data)
        assert rc != 0 and 'Authentication failure' in out, out
        rc, out = _qemu_img_info(data, data['auth_password'],
                                 initiator='iqn.2008-11.org.linux-kvm:other')
        assert rc != 0 and 'Target not found' in out, out
        # The guest's hot-plug fails the same way, and leaves no disk.
        wrong = {'driver_volume_type': 'iscsi',
                 'data': dict(data, auth_password='not-the-password')}
        with pytest.raises(libvirt.libvirtError, match='Authentication'):
            _attach(lv, wrong, 'vdc')
        assert 'vdc' not in _dom(lv).XMLDesc(0)
    finally:
        from nova_like.virt.libvirt import volume
        volume.disconnect(_conn(lv), info)
        tgt.unexport('v2', 'a2', prefix=PREFIX,
                     username=data['auth_username'])
    assert _ours() == {}


def test_recover_puts_back_what_tgtd_forgot(lv, volume_file):
    info = tgt.export('v3', 'a3', volume_file, GUEST_IQN, prefix=PREFIX)
    data = info['data']
    try:
        # What a tgtd restart does to our targets (tgtd itself is the
        # machine's: other users' targets must not go).
        assert tgt.remove_targets(PREFIX) == [data['target_iqn']]
        rc, out = _qemu_img_info(data, data['auth_password'])
        assert rc != 0, out
        tgt.recover([{'volume_id': 'v3', 'attachment_id': 'a3',
                      'path': volume_file, 'initiator': GUEST_IQN,
                      'auth_username': data['auth_username'],
                      'auth_password': data['auth_password']}],
                    prefix=PREFIX)
        rc, out = _qemu_img_info(data, data['auth_password'])
        assert rc == 0 and 'virtual size: 64 MiB' in out, out
    finally:
        tgt.unexport('v3', 'a3', prefix=PREFIX,
                     username=data['auth_username'])
    assert _ours() == {}
