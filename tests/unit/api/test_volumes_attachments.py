# SPDX-License-Identifier: Apache-2.0
"""os-volume_attachments: request schemas and volumeAttachment views.

Per microversion, in Nova's shapes.
"""

import json

import pytest
import webob
import webob.exc

from nova_like.api import microversion
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import volumes_attachments as schema
from nova_like.api import validation
from nova_like.api.views import volumes_attachments as view
from nova_like import objects

VOLUME = 'a26887c6-c47b-4654-abb5-dfadf7d3f803'
SERVER = '2390fb4d-1693-45d7-b309-e29c4af16538'
ATTACHMENT = '979ce4f8-033a-409d-85e6-6b5c0f6a6302'
BDM = '58c1a2a0-94e0-4f2b-a7e0-d3f5e4a2b6c1'


def _body(document, table, version):
    request = webob.Request.blank('/', method='POST')
    request.body = json.dumps(document).encode()
    return validation.body(request, common_schema.for_version(table, version))


def _refused(document, table, version):
    with pytest.raises(webob.exc.HTTPBadRequest) as info:
        _body(document, table, version)
    return info.value.explanation


@pytest.mark.parametrize('version,extra,ok', [
    ((2, 1), {'device': '/dev/vdb'}, True),
    ((2, 1), {'device': None}, True),
    ((2, 1), {'device': 'vdb'}, False),
    ((2, 48), {'tag': 'data'}, False),
    ((2, 49), {'tag': 'data'}, True),
    ((2, 49), {'tag': 'a/b'}, False),
    ((2, 78), {'delete_on_termination': True}, False),
    ((2, 79), {'delete_on_termination': True}, True),
    ((2, 79), {'delete_on_termination': 'yes'}, False),
    ((2, 100), {'bogus': 1}, False),
])
def test_create_bodies_per_microversion(version, extra, ok):
    document = {'volumeAttachment': dict(volumeId=VOLUME, **extra)}
    if ok:
        assert _body(document, schema.CREATE, version) == document
    else:
        _refused(document, schema.CREATE, version)


def test_create_needs_a_volume_uuid():
    assert 'volumeId' in _refused({'volumeAttachment': {}}, schema.CREATE,
                                  (2, 100))
    _refused({'volumeAttachment': {'volumeId': 'nope'}}, schema.CREATE,
             (2, 100))
    _refused({}, schema.CREATE, (2, 100))


def test_update_takes_delete_on_termination_from_2_85():
    document = {'volumeAttachment': {'volumeId': VOLUME,
                                     'delete_on_termination': False}}
    _refused(document, schema.UPDATE, (2, 84))
    assert _body(document, schema.UPDATE, (2, 85)) == document


def _request(version):
    request = webob.Request.blank('/v2.1/servers')
    request.environ[microversion.ENVIRON_KEY] = microversion.parse(version)
    return request


def _bdm():
    objects.register_all()
    return objects.BlockDeviceMapping(
        uuid=BDM, instance_uuid=SERVER, volume_id=VOLUME,
        device_name='/dev/vdb', tag='data', delete_on_termination=True,
        attachment_id=ATTACHMENT, source_type='volume',
        destination_type='volume')


@pytest.mark.parametrize('version,expected', [
    ('2.1', {'id': VOLUME, 'volumeId': VOLUME, 'serverId': SERVER,
             'device': '/dev/vdb'}),
    ('2.70', {'id': VOLUME, 'volumeId': VOLUME, 'serverId': SERVER,
              'device': '/dev/vdb', 'tag': 'data'}),
    ('2.79', {'id': VOLUME, 'volumeId': VOLUME, 'serverId': SERVER,
              'device': '/dev/vdb', 'tag': 'data',
              'delete_on_termination': True}),
    ('2.89', {'volumeId': VOLUME, 'serverId': SERVER, 'device': '/dev/vdb',
              'tag': 'data', 'delete_on_termination': True,
              'attachment_id': ATTACHMENT, 'bdm_uuid': BDM}),
])
def test_show_per_microversion(version, expected):
    assert view.show(_request(version), _bdm()) == expected


def test_created_keeps_id_at_every_version():
    body = view.created(_request('2.100'), _bdm())
    assert body['id'] == VOLUME and body['device'] == '/dev/vdb'
    assert 'attachment_id' not in body
    assert view.created(_request('2.1'), _bdm()) == {
        'id': VOLUME, 'serverId': SERVER, 'volumeId': VOLUME,
        'device': '/dev/vdb'}


def test_volumes_attached_of_server_views():
    assert view.volumes_attached(_request('2.1'), [_bdm()]) == [
        {'id': VOLUME}]
    assert view.volumes_attached(_request('2.3'), [_bdm()]) == [
        {'id': VOLUME, 'delete_on_termination': True}]
