# SPDX-License-Identifier: Apache-2.0
"""The local export: a compute host on the volume's own host opens its path."""


def connection_info(volume_id, path, fmt='raw'):
    """Cinder-shaped connection info of the volume at path on this host.

    'local' is os-brick's connector for a device the host can open
    directly; format tells the compute how QEMU reads the bytes.
    """
    return {'driver_volume_type': 'local',
            'data': {'device_path': path, 'volume_id': volume_id,
                     'format': fmt, 'access_mode': 'rw'}}
