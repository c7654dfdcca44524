# SPDX-License-Identifier: Apache-2.0
"""Input no handler can take is a 4xx with Nova's body, at the edge.

Requests are sent as gunicorn hands them over (the path's raw bytes as
latin-1), through the whole middleware stack.
"""

import json

import pytest
import webob

from tests.functional.api import conftest


def _raw(cloud, method, path, query='', body=None,
         content_type='application/json', token='alice:proj-a'):
    request = webob.Request.blank('/', method=method)
    request.environ['PATH_INFO'] = path.decode('latin-1')
    request.environ['QUERY_STRING'] = query
    request.headers['X-Auth-Token'] = token
    request.headers['OpenStack-API-Version'] = 'compute 2.100'
    if body is not None:
        request.body = body
        if content_type:
            request.environ['CONTENT_TYPE'] = content_type
    response = request.get_response(cloud.app)
    assert response.status_int < 500, response.body
    assert response.headers['x-openstack-request-id'].startswith('req-')
    return response, json.loads(response.body) if response.body else None


def _error(response, status):
    answer, body = response
    assert answer.status_int == status, body
    [(name, detail)] = body.items()
    assert detail['code'] == status
    return detail['message']


@pytest.mark.parametrize('method, path', [
    ('GET', b'/v2.1/servers/\xff\xfe'),
    ('PUT', b'/v2.1/os-quota-sets/\xed\xa0\x80'),
    ('GET', b'/v2.1/flavors/\xc3'),
])
def test_a_path_that_is_not_utf8_is_400(cloud, method, path):
    body = b'{"quota_set": {}}' if method == 'PUT' else None
    assert 'UTF-8' in _error(_raw(cloud, method, path, body=body), 400)


@pytest.mark.parametrize('path', [b'/v2.1/servers', b'/healthcheck'])
def test_a_query_that_is_not_utf8_is_400(cloud, path):
    message = _error(_raw(cloud, 'GET', path, 'limit=%ED%A0%80'), 400)
    assert 'query string' in message


def test_an_id_with_a_newline_is_refused_and_renames_nothing(cloud):
    server_id = cloud.boot(cloud.alice).json['server']['id']
    path = ('/v2.1/servers/%s\n' % server_id).encode()
    _error(_raw(cloud, 'PUT', path, body=b'{"server": {"name": "x"}}'), 400)
    shown = cloud.alice.get('/v2.1/servers/' + server_id).json['server']
    assert shown['name'] != 'x'


@pytest.mark.parametrize('path', [
    b'/v2.1/os-quota-sets/\x00/detail', b'/v2.1/os-simple-tenant-usage/\x00',
    b'/v2.1/os-server-groups/6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6\x00'])
def test_a_nul_in_the_path_is_400(cloud, path):
    assert 'control character' in _error(_raw(cloud, 'GET', path), 400)


@pytest.mark.parametrize('body, words', [
    (b'[' * 10000 + b']' * 10000, 'nested deeper'),
    (b'{"server_group": {"name": "x\\udc00y", "policy": "affinity"}}',
     'lone surrogate'),
    (b'{"server_group": {"name": "x\\u0000", "policy": "affinity"}}',
     'NUL'),
    ('{"server_group": {"name": "x"}}'.encode('utf-16'), 'UTF-8'),
])
def test_bodies_no_handler_can_take_are_400(cloud, body, words):
    message = _error(_raw(cloud, 'POST', b'/v2.1/os-server-groups',
                          body=body), 400)
    assert words in message
    groups = cloud.alice.get('/v2.1/os-server-groups').json
    assert groups['server_groups'] == []


@pytest.mark.parametrize('content_type', [
    'application/xml', 'text/html', 'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded', '*/*'])
def test_a_body_that_is_not_json_is_415_and_writes_nothing(cloud,
                                                           content_type):
    body = b'{"keypair": {"name": "k1", "type": "ssh"}}'
    message = _error(_raw(cloud, 'POST', b'/v2.1/os-keypairs', body=body,
                          content_type=content_type), 415)
    assert 'Content-Type' in message
    assert cloud.alice.get('/v2.1/os-keypairs').json['keypairs'] == []


@pytest.mark.parametrize('content_type', [
    None, 'text/plain', 'application/json; charset=UTF-8',
    'application/vnd.openstack.compute+json'])
def test_json_without_or_with_novas_content_types_is_taken(cloud,
                                                           content_type):
    body = b'{"server_group": {"name": "g", "policy": "affinity"}}'
    answer, _ = _raw(cloud, 'POST', b'/v2.1/os-server-groups', body=body,
                     content_type=content_type)
    assert answer.status_int == 200


def test_an_oversized_body_is_413(cloud):
    body = b'{"server": {"name": "%s"}}' % (b'x' * 200000)
    message = _error(_raw(cloud, 'POST', b'/v2.1/servers', body=body), 413)
    assert 'bytes' in message
    assert conftest.api_rows(cloud.ctx)['build_requests'] == 0


@pytest.mark.parametrize('path, query, token', [
    (b'/v2.1/os-simple-tenant-usage', 'limit=0', 'admin:admin'),
    (b'/v2.1/os-simple-tenant-usage', 'limit=-1', 'admin:admin'),
    (b'/v2.1/flavors', 'is_public=maybe', 'alice:proj-a'),
    (b'/v2.1/flavors', 'is_public=maybe', 'admin:admin'),
])
def test_query_values_out_of_their_range_are_400(cloud, path, query, token):
    _error(_raw(cloud, 'GET', path, query, token=token), 400)


def test_an_escaped_slash_is_no_list(cloud):
    cloud.alice.post('/v2.1/os-keypairs', {'keypair': {'name': 'k1'}})
    answer, _ = _raw(cloud, 'GET', b'/v2.1/os-keypairs//')
    assert answer.status_int == 404


@pytest.mark.parametrize('path', [
    b'/v2.1/os-simple-tenant-usage/', b'/v2.1/servers/', b'/v2.1/flavors/',
    b'/v2.1/os-keypairs/'])
def test_a_trailing_slash_is_an_empty_id_not_the_list(cloud, path):
    """As Nova's routes: GET .../os-simple-tenant-usage/?start=... is no
    listing of every project's usage."""
    answer, _ = _raw(cloud, 'GET', path, 'start=2026-01-01T00:00:00',
                     token='admin:admin')
    assert answer.status_int == 404


@pytest.mark.parametrize('method', ['GET', 'DELETE'])
def test_aggregate_ids_no_row_can_have(cloud, method):
    for path in (b'/v2.1/os-aggregates/99999999999999999999',
                 b'/v2.1/os-aggregates/2147483648'):
        assert 'could not be found' in _error(
            _raw(cloud, method, path, token='admin:admin-proj'), 404)
    for path in ('/v2.1/os-aggregates/\u00b2'.encode(),
                 '/v2.1/os-aggregates/\u0661'.encode()):
        assert 'must be an integer' in _error(
            _raw(cloud, method, path, token='admin:admin-proj'), 400)
