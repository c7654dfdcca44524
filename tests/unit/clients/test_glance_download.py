# SPDX-License-Identifier: Apache-2.0
"""GlanceClient.download against a Glance stand-in over HTTP.

Streamed, checksum verified, nothing half-written left.
"""

import hashlib

import pytest

from nova_like import exception


def _source(tmp_path, size=300000):
    path = tmp_path / 'src'
    path.write_bytes(bytes(range(256)) * (size // 256))
    return path


def test_download_verifies_the_multihash(glance, tmp_path):
    image = glance.add(_source(tmp_path), 'raw')
    dest = str(tmp_path / 'dest')
    digest = glance.client().download(None, image['id'], dest,
                                      chunk_size=4096)
    assert open(dest, 'rb').read() == _source(tmp_path).read_bytes()
    assert digest == hashlib.sha512(open(dest, 'rb').read()).hexdigest()


def test_download_falls_back_to_md5(glance, tmp_path):
    image = glance.add(_source(tmp_path), 'raw', os_hash_algo=None,
                       os_hash_value=None)
    digest = glance.client().download(None, image['id'],
                                      str(tmp_path / 'dest'))
    assert digest == image['checksum']


@pytest.mark.parametrize('field', ['os_hash_value', 'checksum'])
def test_a_mismatch_leaves_no_file(glance, tmp_path, field):
    props = {'os_hash_value': 'f' * 128}
    if field == 'checksum':
        props = {'os_hash_algo': None, 'os_hash_value': None,
                 'checksum': '0' * 32}
    image = glance.add(_source(tmp_path), 'raw', **props)
    with pytest.raises(exception.ImageServiceError) as caught:
        glance.client().download(None, image['id'], str(tmp_path / 'dest'))
    assert 'does not match' in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ['src']


def test_missing_image(glance, tmp_path):
    with pytest.raises(exception.ImageNotFound):
        glance.client().download(None, 'nope', str(tmp_path / 'dest'),
                                 image={'id': 'nope'})
