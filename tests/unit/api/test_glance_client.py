# SPDX-License-Identifier: Apache-2.0
"""GlanceClient against a stand-in adapter: 404, non-active images, properties."""

import pytest

from nova_like.clients import glance
from nova_like import exception


class _Response:
    def __init__(self, status, body=None):
        self.status_code = status
        self._body = body
        self.text = str(body)

    def json(self):
        return self._body


class _Adapter:
    auth = None

    def __init__(self, images):
        self.images = images

    def get(self, url, headers=None, raise_exc=True):
        image_id = url.rsplit('/', 1)[-1]
        if image_id in self.images:
            return _Response(200, self.images[image_id])
        return _Response(404, 'no such image')


IMAGES = {
    'a': {'id': 'a', 'name': 'cirros', 'status': 'active', 'min_disk': 1,
          'min_ram': None, 'size': 10, 'disk_format': 'qcow2',
          'container_format': 'bare', 'visibility': 'public',
          'hw_disk_bus': 'scsi', 'os_distro': 'cirros', 'tags': []},
    'q': {'id': 'q', 'name': 'new', 'status': 'queued'},
}


def test_get_returns_the_facts_and_properties():
    image = glance.GlanceClient(_Adapter(IMAGES)).get(None, 'a')
    assert (image['min_disk'], image['min_ram'], image['size']) == (1, 0, 10)
    assert image['properties'] == {'hw_disk_bus': 'scsi',
                                   'os_distro': 'cirros'}


def test_missing_image_is_image_not_found():
    with pytest.raises(exception.ImageNotFound):
        glance.GlanceClient(_Adapter(IMAGES)).get(None, 'nope')


def test_get_active_refuses_a_queued_image():
    with pytest.raises(exception.ImageNotActive):
        glance.GlanceClient(_Adapter(IMAGES)).get_active(None, 'q')
