# SPDX-License-Identifier: Apache-2.0
"""ImageCache: one verified download per image.

Bases in use kept, unused ones cleaned after their age.
"""

import os
import time

import pytest

from tests import libvirt_env

libvirt_env.require_binding()

from nova_like.virt.libvirt import imagecache  # noqa: E402


@pytest.fixture
def cache(tmp_path, glance):
    return imagecache.ImageCache(str(tmp_path / 'instances'), '_base',
                                 glance.client())


def _image(glance, tmp_path, name='a'):
    path = tmp_path / name
    path.write_bytes(name.encode() * 100)
    return glance.add(path, 'raw')


def test_fetch_downloads_once(cache, glance, tmp_path):
    image = _image(glance, tmp_path)
    path, downloaded = cache.fetch(None, image['id'])
    assert downloaded and open(path, 'rb').read() == b'a' * 100
    assert cache.fetch(None, image['id']) == (path, False)
    assert glance.downloads == [image['id']]


def test_ids_that_are_not_file_names_are_refused(cache):
    for bad in ('../etc', '.hidden', ''):
        with pytest.raises(ValueError):
            cache.path(bad)


def _use(cache, uuid, ids):
    folder = os.path.join(cache.instances_path, uuid)
    os.makedirs(folder)
    imagecache.write_disk_info(folder, ids)


def _age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_clean_removes_only_old_unused_bases(cache, glance, tmp_path):
    used, old, young = (_image(glance, tmp_path, n) for n in 'uoy')
    for image in (used, old, young):
        cache.fetch(None, image['id'])
    _use(cache, 'guest-1', [used['id']])
    _age(cache.path(used['id']), 1000)
    _age(cache.path(old['id']), 1000)
    assert cache.clean(min_age=500) == [old['id']]
    assert sorted(os.listdir(cache.base_dir)) == sorted(
        [used['id'], young['id']])


def test_clean_removes_stale_partial_downloads(cache):
    os.makedirs(cache.base_dir)
    part = os.path.join(cache.base_dir, 'x.part')
    open(part, 'w').close()
    _age(part, 7200)
    cache.clean(min_age=0)
    assert os.listdir(cache.base_dir) == []


def test_discard_keeps_what_another_guest_uses(cache, glance, tmp_path):
    a, b = _image(glance, tmp_path, 'a'), _image(glance, tmp_path, 'b')
    cache.fetch(None, a['id'])
    cache.fetch(None, b['id'])
    _use(cache, 'guest-1', [a['id']])
    _use(cache, 'failing', [a['id'], b['id']])
    cache.discard([a['id'], b['id']], exclude='failing')
    assert os.listdir(cache.base_dir) == [a['id']]
