# SPDX-License-Identifier: Apache-2.0
"""The file backend: a sparse raw (or qcow2) file per volume.

Files are [volume] volumes_dir/volume-<id>. Capacity is the file
system's: a volume may always grow to its full size, so what is free for
new volumes is the file system's free space, less what the existing
volume files may still take (their size minus the blocks they hold), less
[volume] reserved_percentage of the total.
"""

import json
import logging
import os
import subprocess

from nova_like.volume import backends

LOG = logging.getLogger(__name__)
GiB = 1024 ** 3
NAME = 'file'
PREFIX = 'volume-'


class FileBackend:
    """Volumes as files in one directory."""

    def __init__(self, conf):
        self.directory = conf.volume.volumes_dir
        self.file_format = conf.volume.file_format
        self.reserved_percentage = conf.volume.reserved_percentage
        os.makedirs(self.directory, exist_ok=True)

    def local_path(self, volume_id):
        return os.path.join(self.directory, PREFIX + volume_id)

    def _unwritten(self):
        """Bytes the volume files may still take as they are written."""
        total = 0
        with os.scandir(self.directory) as entries:
            for entry in entries:
                if not entry.name.startswith(PREFIX) or \
                        not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
                total += max(0, self._virtual_size(entry.path, stat)
                             - stat.st_blocks * 512)
        return total

    def _virtual_size(self, path, stat):
        if self.file_format == 'qcow2':
            return self._qcow2_size(path)
        return stat.st_size

    def capacity(self):
        """(total GiB, GiB free for new volumes), as floats."""
        fs = os.statvfs(self.directory)
        total = fs.f_blocks * fs.f_frsize
        reserved = total * self.reserved_percentage / 100.0
        free = fs.f_bavail * fs.f_frsize - self._unwritten() - reserved
        return total / GiB, max(0.0, free / GiB)

    def _check_room(self, asked_gb, what):
        total, free = self.capacity()
        if asked_gb > free:
            raise backends.InsufficientCapacity(
                backend=NAME, what=what, asked=asked_gb, free=free,
                reserved=self.reserved_percentage, total=total)

    def create(self, volume_id, size_gb):
        self._check_room(size_gb, 'volume %s' % volume_id)
        path = self.local_path(volume_id)
        if self.file_format == 'qcow2':
            self._qemu_img('create', '-f', 'qcow2', path, '%dG' % size_gb)
        else:
            with open(path, 'wb') as f:
                f.truncate(size_gb * GiB)
        LOG.info('Created %s (%d GiB, %s)', path, size_gb, self.file_format)

    def create_from(self, volume_id, source_path, size_gb):
        self._check_room(size_gb, 'volume %s' % volume_id)
        path = self.local_path(volume_id)
        try:
            if self.file_format == 'qcow2':
                self._qemu_img('convert', '-O', 'qcow2', source_path, path)
            else:
                self._run('cp', '--sparse=always', source_path, path)
            self._grow(path, size_gb)
        except backends.BackendError:
            self._remove(path)
            raise
        LOG.info('Created %s from %s (%d GiB)', path, source_path, size_gb)

    def extend(self, volume_id, new_size_gb):
        path = self.local_path(volume_id)
        if not os.path.exists(path):
            raise backends.BackendError(
                reason='volume file %s does not exist' % path)
        current = self._size_of(path)
        grow = new_size_gb - current / GiB
        if grow > 0:
            self._check_room(int(-(-grow // 1)), 'extending volume %s'
                             % volume_id)
        self._grow(path, new_size_gb)
        LOG.info('Extended %s to %d GiB', path, new_size_gb)

    def delete(self, volume_id):
        self._remove(self.local_path(volume_id))

    def _size_of(self, path):
        if self.file_format == 'qcow2':
            return self._qcow2_size(path)
        return os.stat(path).st_size

    def _grow(self, path, size_gb):
        if self._size_of(path) >= size_gb * GiB:
            return
        if self.file_format == 'qcow2':
            self._qemu_img('resize', '-f', 'qcow2', path, '%dG' % size_gb)
        else:
            with open(path, 'r+b') as f:
                f.truncate(size_gb * GiB)

    @staticmethod
    def _remove(path):
        try:
            os.unlink(path)
            LOG.info('Deleted %s', path)
        except FileNotFoundError:
            pass

    def _qcow2_size(self, path):
        out = self._qemu_img('info', '--output=json', '-f', 'qcow2', path)
        return json.loads(out)['virtual-size']

    def _qemu_img(self, *args):
        return self._run('qemu-img', *args)

    @staticmethod
    def _run(*argv):
        try:
            result = subprocess.run(argv, capture_output=True, text=True,
                                    timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise backends.BackendError(reason='%s: %s' % (argv[0], exc))
        if result.returncode != 0:
            raise backends.BackendError(
                reason='%s failed (exit %d): %s' % (
                    ' '.join(argv[:2]), result.returncode,
                    result.stderr.strip()[-500:]))
        return result.stdout
