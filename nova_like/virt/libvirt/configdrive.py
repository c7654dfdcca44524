# SPDX-License-Identifier: Apache-2.0
"""Config drive: an ISO 9660 volume labelled config-2.

It has the OpenStack metadata layout.
"""

import base64
import binascii
import json
import os
import subprocess
import tempfile

from nova_like.virt import netdata

LABEL = 'config-2'


class ConfigDriveError(Exception):
    pass


def metadata(instance):
    """The meta_data.json document of instance."""
    meta = {
        'uuid': instance.uuid,
        'name': instance.display_name,
        'hostname': instance.hostname or instance.display_name,
        'launch_index': instance.launch_index or 0,
        'availability_zone': instance.availability_zone,
        'project_id': instance.project_id,
        'meta': dict(instance.metadata or {}),
    }
    if instance.key_data:
        meta['public_keys'] = {instance.key_name or 'default':
                               instance.key_data}
        meta['keys'] = [{'name': instance.key_name or 'default',
                         'type': 'ssh', 'data': instance.key_data}]
    return meta


def user_data(instance):
    """The instance's user data as bytes, or None."""
    if not instance.user_data:
        return None
    try:
        return base64.b64decode(instance.user_data, validate=False)
    except (binascii.Error, ValueError):
        return instance.user_data.encode()


def _attr(instance, name):
    return getattr(instance, name) if instance.obj_attr_is_set(name) \
        else None


class _View:
    """The instance fields the drive needs, tolerant of unset fields."""

    def __init__(self, instance):
        for name in ('uuid', 'display_name', 'hostname', 'launch_index',
                     'availability_zone', 'project_id', 'metadata',
                     'key_name', 'key_data', 'user_data', 'network_info'):
            setattr(self, name, _attr(instance, name))


def build(instance, path, mkisofs='genisoimage'):
    """Write instance's config drive ISO to path."""
    view = _View(instance)
    with tempfile.TemporaryDirectory() as tmp:
        for version in ('latest', '2013-10-17'):
            folder = os.path.join(tmp, 'openstack', version)
            os.makedirs(folder)
            with open(os.path.join(folder, 'meta_data.json'), 'w') as f:
                json.dump(metadata(view), f)
            with open(os.path.join(folder, 'network_data.json'), 'w') as f:
                json.dump(netdata.network_data(view.network_info), f)
            with open(os.path.join(folder, 'vendor_data.json'), 'w') as f:
                f.write('{}')
            data = user_data(view)
            if data is not None:
                with open(os.path.join(folder, 'user_data'), 'wb') as f:
                    f.write(data)
        cmd = [mkisofs, '-o', path, '-ldots', '-allow-lowercase',
               '-allow-multidot', '-l', '-publisher', 'nova_like', '-quiet',
               '-J', '-r', '-V', LABEL, tmp]
        try:
            result = subprocess.run(cmd, capture_output=True, text=True,
                                    timeout=60)
        except FileNotFoundError as exc:
            raise ConfigDriveError('%s is not installed (package '
                                   'genisoimage)' % mkisofs) from exc
        if result.returncode != 0:
            raise ConfigDriveError('%s failed: %s' % (
                mkisofs, result.stderr.strip()[-300:]))
