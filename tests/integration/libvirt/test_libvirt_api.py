# SPDX-License-Identifier: Apache-2.0
"""Servers through the API on a compute host driving real libvirtd + QEMU.

Images in a real Glance.
"""

import os

import pytest

from tests.integration import cloud as cloud_mod
from tools import libvirt_lab
from tools import openstack_services

pytestmark = [pytest.mark.integration, pytest.mark.libvirt]

HOST = 'lv1'


@pytest.fixture(scope='module')
def lv_cloud(qemu_uri, test_image_dir, glance_noauth, tmp_path_factory):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('lvapi')
    # The lab's own upload: kernel, ramdisk and a disk that names them.
    bootable = libvirt_lab.create_images(glance_noauth, None, 'lv-guest',
                                         test_image_dir)['id']
    unbootable = glance_noauth.create_image(
        'lv-tiny-raw', openstack_services.write_tiny_image(
            path / 'tiny.raw'))['id']
    cloud = cloud_mod.Cloud(path, 'mysql')
    cloud.glance_url = glance_noauth.url
    cloud.instances_path = str(path / 'instances')
    try:
        cloud.create_databases()
        cloud.start_controller()
        conf_path = path / 'compute-lv1.conf'
        conf_path.write_text(
            cloud._common(HOST).replace(
                '[DEFAULT]\n',
                '[DEFAULT]\ncompute_driver = libvirt.LibvirtDriver\n')
            + cloud._clients()
            + '[libvirt]\nconnection_uri = %s\ninstances_path = %s\n'
            % (qemu_uri, cloud.instances_path))
        cloud.start('compute-' + HOST, 'nova-like-compute', conf_path)
        cloud_mod.wait_for(lambda: _providers(cloud), 90,
                           'the libvirt host in Placement')
        # Up once it serves RPC: it registered before its (slow) first
        # capability probe and inventory report.
        cloud_mod.wait_for(
            lambda: cloud.services().get(('nova-like-compute', HOST),
                                         {}).get('state') == 'up',
            30, 'the libvirt compute up')
        conn = cloud.connect()
        conn.compute.create_flavor(name='m1.lv', ram=128, vcpus=1, disk=1,
                                   id='lv')
        cloud.images = {'bootable': bootable, 'unbootable': unbootable}
        cloud.conn = conn
        yield cloud
    finally:
        cloud.destroy()


def _providers(cloud):
    return cloud.placement('/resource_providers')['resource_providers']


def _domains(qemu_uri):
    import libvirt
    conn = libvirt.open(qemu_uri)
    try:
        return [d.UUIDString() for d in conn.listAllDomains(0)]
    finally:
        conn.close()


def test_the_host_in_placement_has_its_inventory_and_cpu_traits(
        lv_cloud, qemu_uri):
    import libvirt
    conn = libvirt.open(qemu_uri)
    try:
        _arch, memory_mb, cpus = conn.getInfo()[:3]
    finally:
        conn.close()
    [provider] = _providers(lv_cloud)
    assert provider['name'] == HOST
    inventories = lv_cloud.placement('/resource_providers/%s/inventories'
                             % provider['uuid'])['inventories']
    assert inventories['VCPU']['total'] == cpus
    assert inventories['VCPU']['allocation_ratio'] == 4.0
    assert inventories['MEMORY_MB']['total'] == memory_mb
    assert inventories['MEMORY_MB']['reserved'] == 512
    assert inventories['DISK_GB']['total'] > 0
    traits = cloud_mod.wait_for(
        lambda: lv_cloud.placement('/resource_providers/%s/traits'
                           % provider['uuid'])['traits'], 30, 'CPU traits')
    assert any(t.startswith('HW_CPU_X86_') for t in traits)


ED25519 = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDs9mqevUhB+DPAPKvyNEYbYyLg'
           'YDH/rv0e9T4QQPhm lv@test')


def _console(conn, server):
    return conn.compute.get_server_console_output(server)['output']


def test_boot_actions_console_and_delete_leave_nothing(lv_cloud, qemu_uri):
    conn = lv_cloud.conn
    conn.compute.create_keypair(name='lvkey', public_key=ED25519)
    server = conn.compute.create_server(
        name='lv-api', image_id=lv_cloud.images['bootable'], flavor_id='lv',
        networks='none', config_drive=True, key_name='lvkey')
    server = cloud_mod.wait_server(conn, server, 'ACTIVE', 180)
    assert server.compute_host == HOST
    assert server.id in _domains(qemu_uri)
    # os-getConsoleOutput: the banner with the hostname and the key, both
    # read from the config drive, a CD-ROM.
    output = cloud_mod.wait_for(
        lambda: 'GUEST-BOOTED lv-api' in _console(conn, server) and
        _console(conn, server), 180, 'the guest banner in the console')
    assert 'CONFIG-DRIVE /dev/sr0' in output
    assert 'PUBLIC-KEY ' + ED25519 in output
    # Stop/start and a soft reboot through the API, on the real guest.
    conn.compute.stop_server(server)
    cloud_mod.wait_server(conn, server, 'SHUTOFF', 120)
    assert conn.compute.get_server(server.id).power_state == 4
    conn.compute.start_server(server)
    cloud_mod.wait_server(conn, server, 'ACTIVE', 120)
    boots = cloud_mod.wait_for(
        lambda: _console(conn, server).count('GUEST-BOOTED lv-api'), 180,
        'the guest up again after the start')
    conn.compute.reboot_server(server, 'SOFT')
    cloud_mod.wait_server(conn, server, 'ACTIVE', 180)
    cloud_mod.wait_for(
        lambda: _console(conn, server).count('GUEST-BOOTED lv-api') > boots,
        180, 'the guest booted once more after the soft reboot')
    conn.compute.delete_server(server.id)
    conn.compute.wait_for_delete(server, wait=120)
    conn.compute.delete_keypair('lvkey')
    assert server.id not in _domains(qemu_uri)
    assert os.listdir(lv_cloud.instances_path) == ['_base']


def test_unbootable_image_gives_error_with_its_reason(lv_cloud, qemu_uri):
    conn = lv_cloud.conn
    image = lv_cloud.images['unbootable']
    server = conn.compute.create_server(
        name='lv-bad', image_id=image, flavor_id='lv', networks='none')
    server = conn.compute.wait_for_server(server, status='ERROR',
                                          failures=[], wait=120)
    assert 'image %s is not bootable' % image in server.fault['message']
    assert server.id not in _domains(qemu_uri)
    assert server.id not in os.listdir(lv_cloud.instances_path)
    assert image not in os.listdir(os.path.join(lv_cloud.instances_path,
                                                '_base'))
    conn.compute.delete_server(server.id)
    conn.compute.wait_for_delete(server, wait=60)
