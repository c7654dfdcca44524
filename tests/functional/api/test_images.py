# SPDX-License-Identifier: Apache-2.0
"""The deprecated image proxy (/images, up to 2.35) over the Glance
stand-in."""

import pytest

from tests.functional.api import fakes

V = '2.35'


def _get(cloud, path, **kw):
    return cloud.alice.get('/v2.1/images' + path, version=V, **kw)


def test_list_detail_and_show(cloud):
    listed = _get(cloud, '')
    assert listed.status_int == 200, listed.body
    ids = [image['id'] for image in listed.json['images']]
    assert fakes.IMAGE_ID in ids
    first = listed.json['images'][0]
    assert sorted(first) == ['id', 'links', 'name']
    shown = _get(cloud, '/' + fakes.BIG_IMAGE_ID)
    assert shown.status_int == 200, shown.body
    image = shown.json['image']
    assert (image['name'], image['minRam'], image['minDisk'],
            image['status'], image['progress']) == ('big', 4096, 50,
                                                    'ACTIVE', 100)
    assert image['metadata'] == {'hw_disk_bus': 'scsi'}
    assert image['created'] == '2026-11-01T00:00:00Z'
    assert image['OS-EXT-IMG-SIZE:size'] == 16338944
    assert image['links'][0]['href'].endswith(
        '/v2.1/images/' + fakes.BIG_IMAGE_ID)
    queued = _get(cloud, '/' + fakes.QUEUED_IMAGE_ID).json['image']
    assert (queued['status'], queued['progress']) == ('SAVING', 25)
    detail = _get(cloud, '/detail').json['images']
    assert {i['id']: i['status'] for i in detail}[fakes.IMAGE_ID] == 'ACTIVE'


def test_filters_and_paging(cloud):
    assert [i['name'] for i in _get(cloud, '?name=cirros').json[
        'images']] == ['cirros']
    assert [i['id'] for i in _get(cloud, '/detail?status=SAVING').json[
        'images']] == []
    assert [i['id'] for i in _get(cloud, '/detail?status=QUEUED').json[
        'images']] == [fakes.QUEUED_IMAGE_ID]
    page = _get(cloud, '?limit=1').json['images']
    assert len(page) == 1
    rest = _get(cloud, '?marker=' + page[0]['id']).json['images']
    assert page[0]['id'] not in [i['id'] for i in rest] and len(rest) == 2
    assert _get(cloud, '?limit=-1').status_int == 400
    assert _get(cloud, '?marker=nope').status_int == 400
    assert _get(cloud, '?changes-since=2027-01-01T00:00:00Z').json[
        'images'] == []


def test_gone_from_2_36_and_unknown_is_404(cloud):
    assert cloud.alice.get('/v2.1/images', version='2.36').status_int == 404
    missing = _get(cloud, '/00000000-0000-4000-8000-000000000000')
    assert missing.status_int == 404
    assert missing.json['itemNotFound']['message'] == 'Image not found.'


def test_delete(cloud):
    path = '/v2.1/images/' + fakes.QUEUED_IMAGE_ID
    assert cloud.alice.delete(path, version=V).status_int == 204
    assert cloud.alice.get(path, version=V).status_int == 404
    assert cloud.alice.delete(path, version=V).status_int == 404


def test_metadata(cloud):
    path = '/v2.1/images/%s/metadata' % fakes.BIG_IMAGE_ID
    assert cloud.alice.get(path, version=V).json == {
        'metadata': {'hw_disk_bus': 'scsi'}}
    added = cloud.alice.post(path, {'metadata': {'os_distro': 'cirros'}},
                             version=V)
    assert added.status_int == 200, added.body
    assert added.json == {'metadata': {'hw_disk_bus': 'scsi',
                                       'os_distro': 'cirros'}}
    one = cloud.alice.put(path + '/os_distro',
                          {'meta': {'os_distro': 'ubuntu'}}, version=V)
    assert one.json == {'meta': {'os_distro': 'ubuntu'}}
    assert cloud.alice.get(path + '/os_distro', version=V).json == {
        'meta': {'os_distro': 'ubuntu'}}
    assert cloud.alice.put(path + '/os_distro', {'meta': {'x': '1'}},
                           version=V).status_int == 400
    assert cloud.alice.put(path + '/os_distro', {'meta': {
        'os_distro': '1', 'x': '2'}}, version=V).status_int == 400
    replaced = cloud.alice.put(path, {'metadata': {'a': '1'}}, version=V)
    assert replaced.json == {'metadata': {'a': '1'}}
    assert cloud.alice.get(path, version=V).json == {'metadata': {'a': '1'}}
    assert cloud.alice.delete(path + '/a', version=V).status_int == 204
    assert cloud.alice.get(path + '/a', version=V).status_int == 404
    assert cloud.alice.delete(path + '/a', version=V).status_int == 404


@pytest.mark.parametrize('count, status', [(128, 200), (129, 403)])
def test_metadata_counts_against_the_quota(cloud, count, status):
    path = '/v2.1/images/%s/metadata' % fakes.IMAGE_ID
    body = {'metadata': {'k%d' % i: 'v' for i in range(count)}}
    assert cloud.alice.put(path, body, version=V).status_int == status
