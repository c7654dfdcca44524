# SPDX-License-Identifier: Apache-2.0
"""The compute side of a volume attach on real libvirt, with a real guest.

The flow of nova_like/compute/volumes.py (reserve a device, attachment
update with this host's connector, hot-plug, complete; then detach,
disconnect, attachment delete) runs with the libvirt driver against a
guest of the test image (tools/build-test-image.sh) and a cell database
on SQLite; the volume service is the Block Storage stand-in
(tests/fake_volume.py) over HTTP, answering 'local' connection_info for
a file. The guest prints what it sees on its console. The same flow
against the real nova-like-volume comes when both halves are merged.
"""

import os
import re
import types
import uuid

from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import session as ks_session
import pytest

from nova_like.clients import volume as volume_client
from nova_like.compute import volumes
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db import engine
from nova_like.db import migration
from nova_like import objects
from tests import fake_volume
from tests import libvirt_env
from tests.glance_standin import GlanceStandIn
from tests.integration.cloud import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.libvirt]

CONF = conf.CONF
BOOT = 180  # seconds; software emulation on a loaded two-core machine
SIZE_MB = 64
MARKER = b'NOVA-LIKE-LOCAL-VOLUME'


@pytest.fixture(scope='module')
def host(tmp_path_factory):
    """A running guest booted by the libvirt driver, a cell database and
    the volume stand-in."""
    libvirt_env.require_binding()
    libvirt_env.require_libvirtd().close()
    image_dir = libvirt_env.build_test_image()
    from nova_like.virt.libvirt import driver as libvirt_driver
    objects.register_all()
    CONF([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    path = tmp_path_factory.mktemp('volattach')
    url = 'sqlite:///%s/cell1.sqlite' % path
    migration.upgrade('main', url)
    overrides = {('connection_uri', 'libvirt'): 'qemu:///system',
                 ('instances_path', 'libvirt'): str(path / 'instances'),
                 ('connection', 'database'): url}
    for (name, group), value in overrides.items():
        CONF.set_override(name, value, group=group)
    glance = GlanceStandIn()
    standin = fake_volume.VolumeStandIn(path)
    kernel = glance.add(os.path.join(image_dir, 'vmlinuz'), 'aki')
    ramdisk = glance.add(os.path.join(image_dir, 'initrd.img'), 'ari')
    image = glance.add(os.path.join(image_dir, 'disk.qcow2'), 'qcow2',
                       kernel_id=kernel['id'], ramdisk_id=ramdisk['id'],
                       os_command_line='console=ttyS0 quiet')
    drv = libvirt_driver.LibvirtDriver(glance=glance.client())
    drv.init_host('volhost')
    flavor = objects.Flavor(name='m1.vol', flavorid='vol', memory_mb=128,
                            vcpus=1, root_gb=1, ephemeral_gb=0)
    instance = objects.Instance(
        uuid=str(uuid.uuid4()), display_name='volume guest',
        hostname='volume-guest', flavor=flavor, key_name=None,
        key_data=None, user_data=None, config_drive=None, metadata={},
        project_id='p', ephemeral_gb=0)
    manager = types.SimpleNamespace(
        driver=drv, host='volhost',
        volume=volume_client.VolumeClient(ks_adapter.Adapter(
            ks_session.Session(), endpoint_override=standin.url)))
    try:
        drv.spawn(None, instance, image)
        wait_for(lambda: 'ACPI-READY' in _console(drv, instance), BOOT,
                 'the guest booting (console: %s)'
                 % _console(drv, instance)[-300:])
        yield types.SimpleNamespace(
            manager=manager, drv=drv, instance=instance, volumes=standin,
            ctx=nl_context.RequestContext(user_id='u', project_id='p',
                                          auth_token='u:p'))
    finally:
        try:
            drv.destroy(None, instance)
        finally:
            drv.cleanup_host()
            glance.stop()
            standin.stop()
            engine.dispose_all()
            for (name, group) in overrides:
                CONF.clear_override(name, group=group)


def _console(drv, instance):
    return drv.get_console_output(None, instance)


def _disks_changed(host):
    lines = re.findall(r'^DISKS-CHANGED (.*)$',
                       _console(host.drv, host.instance), re.MULTILINE)
    return lines[-1].split() if lines else None


def test_attach_and_detach_through_the_compute_flow(host):
    volume_id = host.volumes.create_volume('p', size_mb=SIZE_MB)
    with open(host.volumes.volumes[volume_id]['path'], 'r+b') as f:
        f.write(MARKER)
    attachment = host.manager.volume.attachment_create(
        host.ctx, volume_id, host.instance.uuid)
    bdm = volumes.reserve_block_device_name(
        host.manager, host.ctx, host.instance, volume_id,
        attachment_id=attachment['id'])
    assert bdm.device_name == '/dev/vdb'

    volumes.attach_volume(host.manager, host.ctx, host.instance, bdm)
    line = 'DISK-ADDED vdb bytes=%d head=%s' % (SIZE_MB * 1024 * 1024,
                                                MARKER.decode())
    wait_for(lambda: line in _console(host.drv, host.instance), 60,
             'the guest seeing the volume (console: %s)'
             % _console(host.drv, host.instance)[-300:])
    assert host.volumes.volumes[volume_id]['status'] == 'in-use'
    [stored] = objects.BlockDeviceMappingList.get_by_instance_uuid(
        host.ctx, host.instance.uuid)
    assert stored.connection()['data']['device_path'] == \
        host.volumes.volumes[volume_id]['path']
    connector = host.volumes.attachments[attachment['id']]['connector']
    assert connector['host'] == 'volhost'
    assert connector['mountpoint'] == '/dev/vdb'

    volumes.detach_volume(host.manager, host.ctx, host.instance, volume_id)
    wait_for(lambda: _disks_changed(host) == ['vda'], 60,
             'the guest seeing the volume go')
    assert host.volumes.volumes[volume_id]['status'] == 'available'
    assert host.volumes.attachments == {}
    assert len(objects.BlockDeviceMappingList.get_by_instance_uuid(
        host.ctx, host.instance.uuid)) == 0
