# SPDX-License-Identifier: Apache-2.0
"""The host's image cache: each Glance image downloaded once and verified.

Guests' overlays share the downloaded image.

Base files live in <instances_path>/_base, named by image id. A guest's
instance directory records the base files it uses in disk.info, so the
cleaner can tell unused bases from used ones; a base that no guest has
used for [libvirt] remove_unused_original_minimum_age_seconds goes.
"""

import collections
import json
import logging
import os
import threading
import time

LOG = logging.getLogger(__name__)

DISK_INFO = 'disk.info'
_PART_MAX_AGE = 3600


class ImageCache:

    def __init__(self, instances_path, subdirectory, glance):
        self.instances_path = instances_path
        self.base_dir = os.path.join(instances_path, subdirectory)
        self.subdirectory = subdirectory
        self.glance = glance
        self._locks = collections.defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def _lock(self, image_id):
        with self._guard:
            return self._locks[image_id]

    def path(self, image_id):
        if not image_id or os.sep in image_id or image_id.startswith('.'):
            raise ValueError('bad image id %r' % image_id)
        return os.path.join(self.base_dir, image_id)

    def fetch(self, context, image_id, image=None):
        """Path of image_id's verified base file, downloaded if absent.

        :returns: (path, downloaded now?)
        """
        path = self.path(image_id)
        with self._lock(image_id):
            if os.path.exists(path):
                os.utime(path)
                return path, False
            os.makedirs(self.base_dir, exist_ok=True)
            if image is None:
                image = self.glance.get(context, image_id)
            started = time.monotonic()
            self.glance.download(context, image_id, path, image=image)
            LOG.info('Image %s downloaded into the cache in %.1fs',
                     image_id, time.monotonic() - started)
            return path, True

    def in_use(self, exclude=None):
        """Base image ids that some guest's disk.info names."""
        used = set()
        try:
            names = os.listdir(self.instances_path)
        except FileNotFoundError:
            return used
        for name in names:
            if name == self.subdirectory or name == exclude:
                continue
            try:
                with open(os.path.join(self.instances_path, name,
                                       DISK_INFO)) as f:
                    used.update(json.load(f).get('base_images', []))
            except (OSError, ValueError):
                continue
        return used

    def discard(self, image_ids, exclude=None):
        """Remove the given bases now unless another guest uses them."""
        used = self.in_use(exclude=exclude)
        for image_id in image_ids:
            if image_id in used:
                continue
            with self._lock(image_id):
                try:
                    os.unlink(self.path(image_id))
                    LOG.info('Removed base image %s from the cache',
                             image_id)
                except FileNotFoundError:
                    pass

    def clean(self, min_age):
        """Remove bases unused for min_age seconds; returns their ids."""
        try:
            names = os.listdir(self.base_dir)
        except FileNotFoundError:
            return []
        used = self.in_use()
        now = time.time()
        removed = []
        for name in names:
            path = os.path.join(self.base_dir, name)
            age = now - os.stat(path).st_mtime
            if name.endswith('.part'):
                if age > _PART_MAX_AGE:
                    os.unlink(path)
                continue
            if name in used:
                os.utime(path)
                continue
            if age >= min_age:
                with self._lock(name):
                    if name not in self.in_use():
                        os.unlink(path)
                        removed.append(name)
        if removed:
            LOG.info('Image cache cleaner removed unused bases %s',
                     ', '.join(removed))
        return removed


def write_disk_info(instance_dir, base_images):
    with open(os.path.join(instance_dir, DISK_INFO), 'w') as f:
        json.dump({'base_images': sorted(base_images)}, f)
