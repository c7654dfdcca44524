# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the libvirt unit tests.

Test images made locally and instances that need no database.
"""

import subprocess
import uuid

from nova_like import objects
from tests import factories


def bootable_raw(path, size=1024 * 1024):
    """A raw disk whose first sector ends in the BIOS boot signature."""
    data = bytearray(size)
    data[510:512] = b'\x55\xaa'
    path.write_bytes(bytes(data))
    return path


def unbootable_raw(path, size=16384):
    path.write_bytes(b'nova_like tiny raw image\n'.ljust(size, b'\0'))
    return path


def qcow2(path, size='1M', source=None):
    if source is not None:
        subprocess.run(['qemu-img', 'convert', '-q', '-f', 'raw', '-O',
                        'qcow2', str(source), str(path)], check=True)
    else:
        subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2',
                        str(path), size], check=True)
    return path


def fake_kernel(path):
    """A file with the x86 Linux boot header magic where a kernel has it."""
    data = bytearray(4096)
    data[0x202:0x206] = b'HdrS'
    path.write_bytes(bytes(data))
    return path


def flavor(memory_mb=128, **values):
    """factories.flavor, named m1.test and 128 MB unless told."""
    return factories.flavor(name='m1.test', memory_mb=memory_mb, **values)


def instance(**kwargs):
    values = dict(uuid=str(uuid.uuid4()), display_name='vm1',
                  hostname='vm1', flavor=flavor(), key_name=None,
                  key_data=None, user_data=None, config_drive=None,
                  metadata={}, project_id='p1')
    values.update(kwargs)
    return objects.Instance(**values)
