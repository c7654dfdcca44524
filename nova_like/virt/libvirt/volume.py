# SPDX-License-Identifier: Apache-2.0
"""A volume as a disk of a libvirt guest, from Cinder-shaped connection info.

Two kinds, as nova-like-volume exports them (docs/volumes-backends.md):

- 'local': the volume service is on this host; QEMU opens data
  ['device_path'] itself, a file or a block device.
- 'iscsi': QEMU's own iSCSI initiator (libiscsi, from qemu-block-extra)
  logs in to the target as this host's initiator name with the
  attachment's CHAP account. This kernel has no SCSI layer, so the host
  never sees the LUN (no open-iscsi): libvirt's <disk type='network'>.
  The CHAP password lives in a libvirt secret whose usage is the disk's
  source name (iqn/lun), defined by connect() and undefined by
  disconnect().

The attach itself is the driver's (attachDeviceFlags with
config.disk_xml(disk)); detach goes by target as for any disk.
"""

import os
import re
import stat

import libvirt

from nova_like import exception
from nova_like.virt.libvirt import config

QEMU_IQN_PREFIX = 'iqn.2008-11.org.linux-kvm:'
INITIATOR_FILE = '/etc/iscsi/initiatorname.iscsi'
KINDS = ('local', 'iscsi')


class VolumeConnectionError(exception.NovaLikeException):
    msg_fmt = 'volume %(volume_id)s cannot be attached here: %(reason)s'


def initiator_name(host_name, path=INITIATOR_FILE):
    """This host's iSCSI initiator name.

    open-iscsi's (path) when it is installed, else QEMU's own prefix and
    the host name, lower case as iSCSI names are.
    """
    try:
        with open(path) as f:
            for line in f:
                if line.startswith('InitiatorName='):
                    return line.split('=', 1)[1].strip()
    except FileNotFoundError:
        pass
    return QEMU_IQN_PREFIX + re.sub(r'[^a-z0-9.:-]', '-', host_name.lower())


def connector(host_name, ip=None):
    """What this host tells the volume service when it attaches.

    The shape of os-brick's connector properties (host, ip, initiator),
    without multipath.
    """
    return {'host': host_name, 'ip': ip, 'initiator': initiator_name(
        host_name), 'multipath': False, 'platform': 'x86_64',
        'os_type': 'linux'}


def _data(connection_info):
    kind = connection_info.get('driver_volume_type')
    data = connection_info.get('data') or {}
    if kind not in KINDS:
        raise VolumeConnectionError(
            volume_id=data.get('volume_id'),
            reason='driver_volume_type %r is not one this host attaches '
                   '(%s)' % (kind, ', '.join(KINDS)))
    return kind, data


def secret_usage(connection_info):
    """The usage (iqn/lun) of the libvirt secret of an iSCSI connection."""
    data = connection_info['data']
    return '%s/%s' % (data['target_iqn'], data['target_lun'])


def _portal(data):
    """(host, port) of data['target_portal'] ('h:p', '[v6]:p' or 'h')."""
    portal = data['target_portal']
    match = re.match(r'^\[(.+)\](?::(\d+))?$', portal) or \
        re.match(r'^([^:]+)(?::(\d+))?$', portal)
    if not match:
        raise VolumeConnectionError(
            volume_id=data.get('volume_id'),
            reason='target_portal %r is not host:port' % portal)
    return match.group(1), match.group(2) or '3260'


def disk(connection_info, target, bus='virtio', initiator=None,
         secret_uuid=None):
    """The config.Disk of a volume at target on bus.

    :param initiator: this host's initiator name (iSCSI)
    :param secret_uuid: the libvirt secret holding the CHAP password
        (iSCSI with auth_method CHAP; connect() makes it)
    :raises VolumeConnectionError: for connection info this host cannot
        attach
    """
    kind, data = _data(connection_info)
    common = dict(target=target, bus=bus, serial=data.get('volume_id'),
                  readonly=data.get('access_mode') == 'ro')
    if kind == 'local':
        path = data['device_path']
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            raise VolumeConnectionError(
                volume_id=data.get('volume_id'),
                reason='its device_path %s cannot be opened here: %s'
                       % (path, exc.strerror))
        return config.Disk(path, fmt=data.get('format') or 'raw',
                           source_type='block' if stat.S_ISBLK(mode)
                           else 'file', **common)
    result = config.Disk(
        secret_usage(connection_info), fmt='raw', source_type='network',
        protocol='iscsi', hosts=(_portal(data),), initiator=initiator,
        cache='none', **common)
    if data.get('auth_method') == 'CHAP':
        if not secret_uuid:
            raise VolumeConnectionError(
                volume_id=data.get('volume_id'),
                reason='its target wants CHAP and no libvirt secret holds '
                       'the password')
        result.auth_username = data['auth_username']
        result.auth_secret_type = 'iscsi'
        result.auth_secret_uuid = secret_uuid
    return result


def _secret(conn, usage):
    """The iSCSI secret of usage, or None.

    Listed rather than looked up: a failed lookup makes libvirt print an
    error on stderr.
    """
    for secret in conn.listAllSecrets(0):
        if secret.usageType() == libvirt.VIR_SECRET_USAGE_TYPE_ISCSI and \
                secret.usageID() == usage:
            return secret
    return None


def connect(conn, connection_info, target, bus='virtio', initiator=None):
    """Ready this host for the volume; the config.Disk to attach.

    For iSCSI with CHAP, defines (or updates) the libvirt secret of the
    target with the password: persistent, so that the guest's disk opens
    again after libvirtd restarts; private, so that nobody reads it back.
    """
    kind, data = _data(connection_info)
    secret_uuid = None
    if kind == 'iscsi' and data.get('auth_method') == 'CHAP':
        usage = secret_usage(connection_info)
        secret = _secret(conn, usage)
        if secret is None:
            xml = ("<secret ephemeral='no' private='yes'><description>CHAP "
                   "of volume %s</description><usage type='iscsi'><target>"
                   "%s</target></usage></secret>"
                   % (data.get('volume_id'), usage))
            secret = conn.secretDefineXML(xml, 0)
        secret.setValue(data['auth_password'].encode(), 0)
        secret_uuid = secret.UUIDString()
    return disk(connection_info, target, bus, initiator, secret_uuid)


def disconnect(conn, connection_info):
    """Forget what connect() made for the volume (its secret). Idempotent."""
    kind, _ = _data(connection_info)
    if kind != 'iscsi':
        return
    secret = _secret(conn, secret_usage(connection_info))
    if secret is not None:
        try:
            secret.undefine()
        except libvirt.libvirtError as exc:
            if exc.get_error_code() != libvirt.VIR_ERR_NO_SECRET:
                raise
