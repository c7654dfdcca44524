# SPDX-License-Identifier: Apache-2.0
"""qemu-img on local disk files.

Facts about an image, overlays, empty disks, boot checks.
"""

import json
import os
import subprocess
import tempfile

GiB = 1024 ** 3


class ImageError(Exception):
    """A disk file is unusable; the message says why, for the fault."""


def _qemu_img(*args):
    try:
        result = subprocess.run(('qemu-img',) + args, capture_output=True,
                                text=True, timeout=120)
    except FileNotFoundError as exc:
        raise ImageError('qemu-img is not installed (package qemu-utils)') \
            from exc
    if result.returncode != 0:
        raise ImageError((result.stderr or result.stdout).strip()
                         .replace('qemu-img: ', '', 1))
    return result.stdout


def info(path, fmt):
    """qemu-img's view of path read as fmt: virtual-size, format, backing.

    The format is given, never probed, so a raw image that looks like
    qcow2 inside cannot make QEMU open a host file as its backing store.
    """
    return json.loads(_qemu_img('info', '--output=json', '-f', fmt, path))


def create_overlay(base, base_fmt, path, size_bytes=None):
    """A qcow2 file at path whose unwritten blocks read from base."""
    args = ['create', '-q', '-f', 'qcow2', '-b', os.path.abspath(base),
            '-F', base_fmt, path]
    if size_bytes:
        args.append(str(size_bytes))
    _qemu_img(*args)


def create_blank(path, size_bytes):
    """An empty qcow2 disk of size_bytes (the flavor's ephemeral disk)."""
    _qemu_img('create', '-q', '-f', 'qcow2', path, str(size_bytes))


def first_sector(path, fmt):
    """The first 512 bytes of the disk as the guest sees it."""
    if fmt == 'raw':
        with open(path, 'rb') as f:
            return f.read(512)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'mbr')
        _qemu_img('dd', '-f', fmt, '-O', 'raw', 'bs=512', 'count=1',
                  'if=' + path, 'of=' + out)
        with open(out, 'rb') as f:
            return f.read(512)


def has_boot_sector(path, fmt):
    """Whether a BIOS would boot the disk (0x55AA at the end of sector 0)."""
    sector = first_sector(path, fmt)
    return len(sector) == 512 and sector[510:512] == b'\x55\xaa'


def is_linux_kernel(path):
    """Whether path is an x86 Linux boot image (bzImage 'HdrS' header)."""
    with open(path, 'rb') as f:
        head = f.read(0x206)
    return len(head) == 0x206 and head[0x202:0x206] == b'HdrS'
