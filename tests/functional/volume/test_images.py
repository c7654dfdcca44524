# SPDX-License-Identifier: Apache-2.0
"""Volumes from Glance images: checked by the API, downloaded, made raw
and copied by the manager."""

import subprocess

from tests.glance_standin import BIG_IMAGE_ID, IMAGE_ID, QUEUED_IMAGE_ID

USER = 'alice:p1'
GiB = 1024 ** 3


def test_volume_from_a_raw_image_has_its_bytes(client, glance,
                                               volume_manager, tmp_path):
    path = tmp_path / 'disk.raw'
    path.write_bytes(b'bootsector' + b'\0' * 4086)
    image = glance.add(str(path), disk_format='raw')
    user = client.as_(USER)
    volume = user.create_volume(imageRef=image['id'], size=None)
    assert volume['size'] == 1
    assert volume['bootable'] == 'true'
    assert volume['volume_image_metadata']['image_id'] == image['id']
    assert volume['volume_image_metadata']['disk_format'] == 'raw'
    user.wait_status(volume['id'], 'available')
    with open(volume_manager.backend.local_path(volume['id']), 'rb') as f:
        assert f.read(10) == b'bootsector'
    assert glance.downloads == [image['id']]


def test_volume_from_a_qcow2_image_is_converted(client, glance,
                                                volume_manager, tmp_path):
    raw = tmp_path / 'src.raw'
    raw.write_bytes(b'qcow2data!' + b'\0' * (1024 * 1024 - 10))
    qcow2 = tmp_path / 'src.qcow2'
    subprocess.run(['qemu-img', 'convert', '-f', 'raw', '-O', 'qcow2',
                    str(raw), str(qcow2)], check=True)
    image = glance.add(str(qcow2), disk_format='qcow2')
    user = client.as_(USER)
    volume = user.create_volume(imageRef=image['id'], size=2)
    user.wait_status(volume['id'], 'available')
    with open(volume_manager.backend.local_path(volume['id']), 'rb') as f:
        assert f.read(10) == b'qcow2data!'
    # Nothing of the conversion is left behind.
    assert list((tmp_path / 'volumes' / 'conversion').iterdir()) == []


def test_unusable_images_are_400(client):
    user = client.as_(USER)
    for image_id, size, words in (
            ('00000000-0000-0000-0000-000000000000', 1, 'imageRef'),
            (QUEUED_IMAGE_ID, 1, 'imageRef'),
            (BIG_IMAGE_ID, 10, 'minDisk'),
            (IMAGE_ID, None, None)):
        resp = user.post('/volumes', {'volume': {'imageRef': image_id,
                                                 'size': size}})
        if words is None:
            # cirros (16 MB) fits 1 GiB; the stand-in has no data for it,
            # so the volume ends in error with a message.
            assert resp.status_code == 202
            volume_id = resp.json()['volume']['id']
            user.wait_status(volume_id, 'error')
            [message] = user.at('3.3').get('/messages').json()['messages']
            assert 'Creating the volume failed' in message['user_message']
            continue
        assert resp.status_code == 400, resp.text
        assert words in resp.json()['badRequest']['message']
