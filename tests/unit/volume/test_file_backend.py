# SPDX-License-Identifier: Apache-2.0
"""The file backend on a temporary directory: real files, real sizes."""

import os

import pytest

from nova_like import exception
from nova_like.volume import backends
from nova_like.volume.backends import file as file_backend

GiB = 1024 ** 3


@pytest.fixture
def backend(volume_conf):
    return backends.get_backend(volume_conf)


def test_registry_builds_file_and_refuses_unknown(volume_conf):
    assert isinstance(backends.get_backend(volume_conf),
                      file_backend.FileBackend)
    volume_conf.set_override('backend', 'lvm', 'volume')
    if 'lvm' not in backends.BACKENDS:
        with pytest.raises(exception.ConfigError) as info:
            backends.get_backend(volume_conf)
        assert '[volume] backend' in str(info.value)


def test_create_is_sparse_of_the_size(backend, tmp_path):
    backend.create('v1', 2)
    path = backend.local_path('v1')
    assert path == str(tmp_path / 'volumes' / 'volume-v1')
    stat = os.stat(path)
    assert stat.st_size == 2 * GiB
    assert stat.st_blocks * 512 < 1024 * 1024  # sparse


def test_extend_grows_and_delete_is_idempotent(backend):
    backend.create('v1', 1)
    backend.extend('v1', 3)
    assert os.stat(backend.local_path('v1')).st_size == 3 * GiB
    backend.delete('v1')
    assert not os.path.exists(backend.local_path('v1'))
    backend.delete('v1')  # already gone: fine
    with pytest.raises(backends.BackendError):
        backend.extend('v1', 4)


def test_create_from_copies_and_grows(backend):
    backend.create('src', 1)
    with open(backend.local_path('src'), 'r+b') as f:
        f.seek(GiB - 6)
        f.write(b'marker')
    backend.create_from('dst', backend.local_path('src'), 2)
    with open(backend.local_path('dst'), 'rb') as f:
        f.seek(GiB - 6)
        assert f.read(6) == b'marker'
    assert os.stat(backend.local_path('dst')).st_size == 2 * GiB


def test_capacity_counts_what_volumes_may_still_take(backend):
    total, free = backend.capacity()
    assert total > 0 and 0 <= free <= total
    backend.create('v1', 1)
    _total, after = backend.capacity()
    # The new volume may be filled: its GiB is no longer free, although
    # the sparse file holds almost nothing yet.
    assert free - after == pytest.approx(1, abs=0.05)


def test_reserved_percentage_is_enforced_at_create_and_extend(volume_conf):
    volume_conf.set_override('reserved_percentage', 100, 'volume')
    backend = backends.get_backend(volume_conf)
    with pytest.raises(backends.InsufficientCapacity) as info:
        backend.create('v1', 1)
    message = str(info.value)
    assert '1 GiB asked' in message and '100% of' in message
    assert not os.path.exists(backend.local_path('v1'))
    volume_conf.set_override('reserved_percentage', 0, 'volume')
    backends.get_backend(volume_conf).create('v2', 1)
    volume_conf.set_override('reserved_percentage', 100, 'volume')
    with pytest.raises(backends.InsufficientCapacity):
        backends.get_backend(volume_conf).extend('v2', 2)
    assert os.stat(backend.local_path('v2')).st_size == GiB


def test_qcow2_files(volume_conf):
    volume_conf.set_override('file_format', 'qcow2', 'volume')
    backend = backends.get_backend(volume_conf)
    backend.create('q1', 1)
    with open(backend.local_path('q1'), 'rb') as f:
        assert f.read(4) == b'QFI\xfb'
    backend.extend('q1', 2)
    assert backend._size_of(backend.local_path('q1')) == 2 * GiB
    backend.create_from('q2', backend.local_path('q1'), 3)
    assert backend._size_of(backend.local_path('q2')) == 3 * GiB
    backend.delete('q1')
    assert not os.path.exists(backend.local_path('q1'))
