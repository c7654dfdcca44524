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
