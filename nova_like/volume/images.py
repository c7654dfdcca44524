# SPDX-License-Identifier: Apache-2.0
"""Volumes from Glance images: the API's checks, the manager's copy.

The API checks the image (active, visible to the caller, not larger than
the volume) and records what it said; the manager downloads it with the
caller's token (nova_like.clients.glance, keystoneauth as everywhere),
converts it to raw with qemu-img when it is not raw, and has the backend
copy that into the new volume (create_from), so any backend serves it.
"""

import logging
import math
import os
import subprocess

from nova_like import exception
from nova_like.volume import backends
from nova_like.volume import errors

LOG = logging.getLogger(__name__)
GiB = 1024 ** 3
# What volume_image_metadata shows, as Cinder copies it.
SHOWN = ('image_name', 'checksum', 'min_disk', 'min_ram', 'size',
         'disk_format', 'container_format')


def check(glance, ctx, image_id, size):
    """The image's volume_image_metadata; its size in GiB when size is
    None, else a 400 unless it fits size GiB.

    :returns: (image_metadata, size)
    """
    try:
        image = glance.get_active(ctx, image_id)
    except (exception.ImageNotFound, exception.ImageNotActive):
        raise errors.bad_request(
            'Invalid image identifier or unable to access requested '
            'image (imageRef %s).' % image_id)
    except exception.ImageServiceError as exc:
        raise errors.bad_request('The image service could not answer for '
                                 'imageRef %s: %s' % (image_id, exc.message))
    image_gb = int(math.ceil((image.get('size') or 0) / float(GiB)))
    needed = max(image_gb, image.get('min_disk') or 0, 1)
    if size is None:
        size = needed
    if (image.get('min_disk') or 0) > size:
        raise errors.bad_request(
            'Image minDisk size %d is larger than the volume size %d.'
            % (image['min_disk'], size))
    if image_gb > size:
        raise errors.bad_request(
            'Size of specified image %d GiB is larger than volume size '
            '%d GiB.' % (image_gb, size))
    shown = {'image_id': image_id, 'image_name': image.get('name')}
    shown.update({k: image.get(k) for k in SHOWN if k in image})
    return shown, size


def _run(*argv):
    result = subprocess.run(argv, capture_output=True, text=True,
                            timeout=1800)
    if result.returncode != 0:
        raise backends.BackendError(
            reason='%s failed (exit %d): %s' % (
                ' '.join(argv[:2]), result.returncode,
                result.stderr.strip()[-500:]))


def copy_to_volume(glance, context, backend, work_dir, volume_id,
                   image_id, disk_format, size):
    """Download image_id, make it raw, and create volume_id from it."""
    os.makedirs(work_dir, exist_ok=True)
    download = os.path.join(work_dir, 'image-%s' % volume_id)
    raw = download + '.raw'
    try:
        glance.download(context, image_id, download)
        source = download
        if disk_format != 'raw':
            _run('qemu-img', 'convert', '-O', 'raw', download, raw)
            source = raw
        backend.create_from(volume_id, source, size)
        LOG.info('Volume %s made from image %s', volume_id, image_id)
    finally:
        for path in (download, download + '.part', raw):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
