# SPDX-License-Identifier: Apache-2.0
"""The lab's libvirt side.

Is a hypervisor here, compute config for it, and the bootable test image in
Glance.
"""

import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URI = 'qemu:///system'
TEST_IMAGE_DIR = '/var/cache/nova_like/test-image'


def available():
    """Whether libvirt-python imports and libvirtd answers on URI."""
    try:
        import libvirt
    except ImportError:
        return False
    try:
        libvirt.open(URI).close()
    except libvirt.libvirtError:
        return False
    return True


def compute_conf(lab, host):
    """Config that makes host a libvirt host with its own instances dir."""
    return ('[DEFAULT]\ncompute_driver = libvirt.LibvirtDriver\n'
            '[libvirt]\nconnection_uri = %s\ninstances_path = %s\n'
            % (URI, os.path.join(lab, 'instances-' + host)))


def create_images(glance, session, name='tiny', image_dir=TEST_IMAGE_DIR):
    """Upload the test image as name, name-kernel and name-ramdisk.

    Builds it first (tools/build-test-image.sh) if need be.

    :param session: a keystoneauth1 Session, or None for a noauth Glance.
    :returns: the bootable image as Glance returns it.
    """
    subprocess.run([os.path.join(ROOT, 'tools', 'build-test-image.sh'),
                    image_dir], check=True)
    kernel = glance.create_image(
        name + '-kernel', os.path.join(image_dir, 'vmlinuz'),
        session=session, disk_format='aki', container_format='aki')
    ramdisk = glance.create_image(
        name + '-ramdisk', os.path.join(image_dir, 'initrd.img'),
        session=session, disk_format='ari', container_format='ari')
    image = glance.create_image(
        name, os.path.join(image_dir, 'disk.qcow2'), session=session,
        disk_format='qcow2')
    if image.get('kernel_id') != kernel['id']:
        _request(
            session, 'PATCH', glance.url + '/v2/images/%s' % image['id'],
            headers={'Content-Type':
                     'application/openstack-images-v2.1-json-patch'},
            json=[{'op': 'add', 'path': '/kernel_id', 'value': kernel['id']},
                  {'op': 'add', 'path': '/ramdisk_id',
                   'value': ramdisk['id']},
                  {'op': 'add', 'path': '/os_command_line',
                   'value': 'console=ttyS0 quiet'}])
        image = _request(session, 'GET', glance.url + '/v2/images/%s'
                         % image['id']).json()
    return image


def _request(session, method, url, **kwargs):
    """Through a keystoneauth1 session, or plain requests (noauth Glance)."""
    if session is not None:
        return session.request(url, method, **kwargs)
    import requests
    response = requests.request(method, url, timeout=60, **kwargs)
    response.raise_for_status()
    return response


def remove_guests(lab):
    """Destroy and undefine every guest whose files are in lab/instances-*.

    Guests outlive their compute daemon, so `lab clean` must remove them.
    """
    try:
        import libvirt
        conn = libvirt.open(URI)
    except Exception:  # no binding or no libvirtd: nothing of ours runs
        return []
    removed = []
    try:
        for dom in conn.listAllDomains(0):
            uuid = dom.UUIDString()
            if not any(os.path.isdir(os.path.join(lab, d, uuid))
                       for d in os.listdir(lab)
                       if d.startswith('instances-')):
                continue
            if dom.isActive():
                dom.destroy()
            dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
            removed.append(uuid)
    finally:
        conn.close()
    return removed
