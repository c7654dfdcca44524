# SPDX-License-Identifier: Apache-2.0
"""GlanceClient with a stand-in adapter: 404, non-active images, properties."""

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


class _CountingAdapter(_Adapter):
    def __init__(self, images):
        super().__init__(images)
        self.gets = 0

    def get(self, url, headers=None, raise_exc=True):
        self.gets += 1
        return super().get(url, headers, raise_exc)


class _Context:
    def __init__(self, token, project_id='p1'):
        self.auth_token = token
        self.project_id = project_id


def test_get_active_reuses_an_answer_for_the_same_token_only():
    adapter = _CountingAdapter(dict(IMAGES))
    client = glance.GlanceClient(adapter, recent_seconds=60)
    first = client.get_active(_Context('t1'), 'a')
    first['properties']['mutated'] = True
    second = client.get_active(_Context('t1'), 'a')
    assert adapter.gets == 1
    assert 'mutated' not in second['properties']
    client.get_active(_Context('t2'), 'a')
    assert adapter.gets == 2


def test_get_active_asks_again_once_the_answer_is_old(monkeypatch):
    adapter = _CountingAdapter(dict(IMAGES))
    client = glance.GlanceClient(adapter, recent_seconds=10)
    now = [1000.0]
    monkeypatch.setattr(glance.time, 'monotonic', lambda: now[0])
    client.get_active(_Context('t1'), 'a')
    now[0] += 9
    client.get_active(_Context('t1'), 'a')
    assert adapter.gets == 1
    adapter.images['a'] = dict(IMAGES['a'], status='deactivated')
    now[0] += 2
    with pytest.raises(exception.ImageNotActive):
        client.get_active(_Context('t1'), 'a')
    assert adapter.gets == 2


def test_without_recent_seconds_every_check_asks_glance():
    adapter = _CountingAdapter(dict(IMAGES))
    client = glance.GlanceClient(adapter)
    for _ in range(3):
        client.get_active(_Context('t1'), 'a')
    assert adapter.gets == 3
