# SPDX-License-Identifier: Apache-2.0
"""Every malformed POST /servers is a 400 naming what was wrong.

And it leaves nothing written.
"""

import base64

import pytest

from tests.functional.api import conftest
from tests.functional.api import fakes

GOOD = {'name': 'vm', 'flavorRef': '1', 'imageRef': fakes.IMAGE_ID,
        'networks': 'none'}


def _without(key):
    server = dict(GOOD)
    server.pop(key)
    return server


CASES = [
    ('missing flavorRef', '2.100', _without('flavorRef'),
     "'flavorRef' is a required property"),
    ('missing name', '2.100', _without('name'),
     "'name' is a required property"),
    ('missing networks at 2.37', '2.37', _without('networks'),
     "'networks' is a required property"),
    ('unknown flavor', '2.100', dict(GOOD, flavorRef='42'),
     'Flavor 42 could not be found.'),
    ('private flavor of another project', '2.100',
     dict(GOOD, flavorRef='private'), 'Flavor private could not be found.'),
    ('unknown image', '2.100',
     dict(GOOD, imageRef='6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'),
     'Can not find requested image'),
    ('image not active', '2.100', dict(GOOD, imageRef=fakes.QUEUED_IMAGE_ID),
     'Image %s is not active.' % fakes.QUEUED_IMAGE_ID),
    ('flavor too small for image', '2.100',
     dict(GOOD, imageRef=fakes.BIG_IMAGE_ID),
     "Flavor's memory is too small for requested image."),
    ('bad image uuid', '2.100', dict(GOOD, imageRef='not-a-uuid'),
     'Invalid input for field/attribute imageRef.'),
    ('name too long', '2.100', dict(GOOD, name='x' * 256),
     'Invalid input for field/attribute name.'),
    ('name with leading space', '2.100', dict(GOOD, name=' vm'),
     'Invalid input for field/attribute name.'),
    ('min_count above max_count', '2.100',
     dict(GOOD, min_count=3, max_count=2), 'min_count must be <= max_count'),
    ('zero max_count', '2.100', dict(GOOD, max_count=0),
     'Invalid input for field/attribute max_count.'),
    ('unknown key', '2.100', dict(GOOD, colour='red'),
     "Additional properties are not allowed ('colour' was unexpected)"),
    ('description before 2.19', '2.18',
     dict(_without('networks'), description='d'),
     "('description' was unexpected)"),
    ('tags before 2.52', '2.51', dict(GOOD, tags=['a']),
     "('tags' was unexpected)"),
    ('hostname before 2.90', '2.89', dict(GOOD, hostname='abc'),
     "('hostname' was unexpected)"),
    ('bad hostname', '2.100', dict(GOOD, hostname='-bad-'),
     'Invalid input for field/attribute hostname.'),
    ('wrong type of metadata', '2.100', dict(GOOD, metadata=['a']),
     'Invalid input for field/attribute metadata.'),
    ('metadata value too long', '2.100', dict(GOOD, metadata={'k': 'v' * 256}),
     'Invalid input for field/attribute k.'),
    ('user_data not base64', '2.100', dict(GOOD, user_data='%%%'),
     'Invalid input for field/attribute user_data.'),
    ('user_data too large', '2.100',
     dict(GOOD, user_data=base64.b64encode(b'x' * 50000).decode()),
     'Invalid input for field/attribute user_data.'),
    ('networks neither list nor auto/none', '2.100',
     dict(GOOD, networks='all'),
     'Invalid input for field/attribute networks.'),
    ('unknown network', '2.100',
     dict(GOOD, networks=[{'uuid': '6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'}]),
     'Network 6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6 could not be found.'),
    ('unknown availability zone', '2.100',
     dict(GOOD, availability_zone='elsewhere'),
     'The requested availability zone is not available'),
    ('key_name before keypairs exist', '2.100', dict(GOOD, key_name='k'),
     'Invalid key_name provided.'),
    ('too many tags', '2.100', dict(GOOD, tags=['t%d' % i for i in range(51)]),
     'Invalid input for field/attribute tags.'),
    ('tag with a slash', '2.100', dict(GOOD, tags=['a/b']),
     'Invalid input for field/attribute 0.'),
    ('personality after 2.57', '2.57',
     dict(GOOD, personality=[{'path': '/x', 'contents': 'eA=='}]),
     "('personality' was unexpected)"),
]


@pytest.mark.parametrize('what, version, server, message', CASES,
                         ids=[c[0] for c in CASES])
def test_bad_create_is_400_and_writes_nothing(cloud, what, version, server,
                                              message):
    response = cloud.alice.post('/v2.1/servers', {'server': server},
                                version=version)
    assert response.status_int == 400, (what, response.body)
    assert message in response.json['badRequest']['message'], what
    assert conftest.api_rows(cloud.ctx) == {
        'build_requests': 0, 'request_specs': 0, 'instance_mappings': 0}
    assert cloud.conductor.casts == []


def test_missing_flavor_message_is_novas(cloud):
    nova = {'name': 'bad', 'imageRef': fakes.IMAGE_ID, 'networks': 'none'}
    response = cloud.alice.post('/v2.1/servers', {'server': nova})
    assert response.json['badRequest']['message'] == (
        "Invalid input for field/attribute server. Value: {'name': 'bad', "
        "'imageRef': 'd3c57398-867c-40ad-a6f3-8041fbf3740f', 'networks': "
        "'none'}. 'flavorRef' is a required property")


@pytest.mark.parametrize('body', [b'', b'{not json', b'[]', b'{"server": 1}'])
def test_malformed_bodies_are_400(cloud, body):
    import webob
    request = webob.Request.blank('/v2.1/servers', method='POST')
    request.headers['X-Auth-Token'] = 'alice:proj-a'
    request.body = body
    response = request.get_response(cloud.app)
    assert response.status_int == 400
    assert conftest.api_rows(cloud.ctx)['build_requests'] == 0


def test_conductor_failure_undoes_what_was_written(cloud, monkeypatch):
    from nova_like.api.handlers import servers as handler

    def refuse(*args, **kwargs):
        raise RuntimeError('broker gone')
    api = handler.compute_api()
    monkeypatch.setattr(api.compute_task_api, 'schedule_and_build_instances',
                        refuse)
    response = cloud.alice.post('/v2.1/servers', {'server': dict(
        GOOD, min_count=2, max_count=2)})
    assert response.status_int == 500
    assert conftest.api_rows(cloud.ctx) == {
        'build_requests': 0, 'request_specs': 0, 'instance_mappings': 0}


def test_unknown_query_parameter_is_400_from_2_75(cloud):
    assert cloud.alice.get('/v2.1/servers?colour=red',
                           version='2.74').status_int == 200
    response = cloud.alice.get('/v2.1/servers?colour=red', version='2.75')
    assert response.status_int == 400
    assert "'colour' was unexpected" in response.json['badRequest']['message']


@pytest.mark.parametrize('query', ['sort_key=bogus', 'sort_dir=up',
                                   'limit=-1', 'limit=abc',
                                   'changes-since=yesterday',
                                   'marker=6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6',
                                   'all_tenants=maybe'])
def test_bad_list_queries_are_400(cloud, query):
    response = cloud.admin.get('/v2.1/servers?' + query)
    assert response.status_int == 400, (query, response.body)


def test_bad_server_id_is_404(cloud):
    response = cloud.alice.get('/v2.1/servers/not-a-uuid')
    assert response.status_int == 404
