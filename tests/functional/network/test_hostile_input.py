# SPDX-License-Identifier: Apache-2.0
"""Input no handler can take is a 400 NeutronError, at the edge."""

import json

import pytest
import webob


def _raw(client, method, path, query='', body=None):
    request = webob.Request.blank('/', method=method)
    request.environ['PATH_INFO'] = path.decode('latin-1')
    request.environ['QUERY_STRING'] = query
    request.headers['X-Auth-Token'] = 'alice:p1'
    if body is not None:
        request.body = body
        request.content_type = 'application/json'
    response = request.get_response(client.app)
    assert response.status_int == 400, response.body
    return json.loads(response.body)['NeutronError']


@pytest.mark.parametrize('path, query, words', [
    (b'/v2.0/networks/\xff', '', 'UTF-8'),
    (b'/v2.0/networks', 'name=%ED%A0%80', 'UTF-8'),
    (b'/v2.0/networks/abc\n', '', 'control character'),
    (b'/v2.0/networks', 'name=a%00', 'NUL'),
])
def test_paths_and_queries_no_handler_can_take(client, path, query, words):
    error = _raw(client, 'GET', path, query)
    assert words in error['message']
    assert error['type'] == 'HTTPBadRequest'


@pytest.mark.parametrize('body, words', [
    (b'{"network": {"name": "x\\u0000"}}', 'NUL'),
    (b'{"network": {"name": "x\\udc00"}}', 'lone surrogate'),
    ('{"network": {}}'.encode('utf-16'), 'UTF-8'),
    (b'[' * 5000 + b']' * 5000, 'nested deeper'),
])
def test_bodies_no_handler_can_take_write_nothing(client, body, words):
    assert words in _raw(client, 'POST', b'/v2.0/networks',
                         body=body)['message']
    assert client.as_('alice:p1').get('/v2.0/networks').json()[
        'networks'] == []


@pytest.mark.parametrize('path, body, field', [
    ('/v2.0/security-groups', {'security_group': {'project_id': 5}},
     'project_id'),
    ('/v2.0/security-groups', {'security_group': {'tenant_id': 2 ** 40}},
     'tenant_id'),
    ('/v2.0/subnets', {'subnet': {'network_id': [[]], 'ip_version': 4,
                                  'cidr': '10.0.0.0/24'}}, 'network_id'),
    ('/v2.0/ports', {'port': {'network_id': {'id': 'x'}}}, 'network_id'),
    ('/v2.0/security-groups', {'security_group': {'project_id': 'p' * 256}},
     'project_id'),
])
def test_an_id_that_is_no_string_or_too_long_is_400(client, path, body,
                                                     field):
    response = client.post(path, body)
    assert response.status_code == 400, response.text
    assert 'Invalid input for %s' % field in response.json()[
        'NeutronError']['message']


def test_a_quota_no_column_holds_is_400(client):
    response = client.put('/v2.0/quotas/p1', {'quota': {'network': 2 ** 31}})
    assert response.status_code == 400, response.text
    assert 'more than 2147483647' in response.json()['NeutronError'][
        'message']
    response = client.put('/v2.0/quotas/p1', {'quota': {
        'network': 2 ** 31 - 1}})
    assert response.status_code == 200, response.text
