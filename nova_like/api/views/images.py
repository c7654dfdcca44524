# SPDX-License-Identifier: Apache-2.0
"""The deprecated image proxy's bodies: Glance images as Nova shows them."""

from oslo_utils import strutils
from oslo_utils import timeutils

from nova_like.api.views import common

_STATUS = {'active': 'ACTIVE', 'queued': 'SAVING', 'saving': 'SAVING',
           'deleted': 'DELETED', 'pending_delete': 'DELETED',
           'killed': 'ERROR'}
_PROGRESS = {'queued': 25, 'saving': 50, 'active': 100}


def _links(request, image_id, glance_url):
    links = common.links(request, 'images', image_id)
    if glance_url:
        links.append({'rel': 'alternate',
                      'type': 'application/vnd.openstack.image',
                      'href': '%s/images/%s' % (glance_url.rstrip('/'),
                                                image_id)})
    return links


def _time(value):
    return common.isotime(timeutils.parse_isotime(value)) if value else None


def basic(request, image, glance_url):
    return {'id': image['id'], 'name': image.get('name'),
            'links': _links(request, image['id'], glance_url)}


def detail(request, image, glance_url):
    """Nova's image body: minRam, minDisk, metadata (the properties),
    status, progress, size, and the server an image was taken of."""
    metadata = image.get('properties') or {}
    body = {
        'id': image['id'],
        'name': image.get('name'),
        'minRam': int(image.get('min_ram') or 0),
        'minDisk': int(image.get('min_disk') or 0),
        'metadata': metadata,
        'created': _time(image.get('created_at')),
        'updated': _time(image.get('updated_at')),
        'status': _STATUS.get(image.get('status'), 'UNKNOWN'),
        'progress': _PROGRESS.get(image.get('status'), 0),
        'OS-EXT-IMG-SIZE:size': image.get('size'),
        'links': _links(request, image['id'], glance_url),
    }
    server = metadata.get('instance_uuid')
    if server is not None:
        body['server'] = {'id': server,
                          'links': common.links(request, 'servers', server)}
    disk_config = metadata.get('auto_disk_config')
    if disk_config is not None:
        body['OS-DCF:diskConfig'] = (
            'AUTO' if strutils.bool_from_string(disk_config) else 'MANUAL')
    return body
