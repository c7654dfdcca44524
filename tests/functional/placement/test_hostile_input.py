# SPDX-License-Identifier: Apache-2.0
"""Input no handler can take is a 400 in Placement's error shape.

Requests are sent as gunicorn hands them over (the path's raw bytes as
latin-1), through the whole app.
"""

import json
import uuid

import pytest
import webob

from nova_like.db import engine
from nova_like.placement.db import migration
from nova_like.placement import wsgi
from tests.functional.placement import fixtures


@pytest.fixture(scope='module')
def app(tmp_path_factory):
    url = 'sqlite:///%s/placement.sqlite' % tmp_path_factory.mktemp('p')
    migration.upgrade(url)
    yield wsgi.init_application(fixtures.make_conf(url))
    engine.dispose_all()


def _raw(app, method, path, query='', body=None):
    request = webob.Request.blank('/', method=method)
    request.environ['PATH_INFO'] = path.decode('latin-1')
    request.environ['QUERY_STRING'] = query
    request.headers['X-Auth-Token'] = wsgi.NOAUTH_TOKEN
    request.headers['OpenStack-API-Version'] = 'placement latest'
    if body is not None:
        request.body = body
        request.content_type = 'application/json'
    response = request.get_response(app)
    assert response.status_int < 500, response.body
    return response


def _error(response, status=400):
    assert response.status_int == status, response.body
    [error] = json.loads(response.body)['errors']
    assert error['status'] == status and error['request_id']
    return error['detail']


@pytest.mark.parametrize('path, query', [
    (b'/resource_providers/\xed\xa0\x80/usages', ''),
    (b'/resource_providers', 'name=%ED%A0%80'),
    (b'/resource_providers', 'q=%ff'),
])
def test_text_that_is_not_utf8_is_400(app, path, query):
    assert 'UTF-8' in _error(_raw(app, 'GET', path, query))


@pytest.mark.parametrize('path', [
    b'/resource_classes/CUSTOM_X\x00',
    ('/resource_providers/%s\n' % uuid.uuid4()).encode()])
def test_a_control_character_in_the_path_is_400(app, path):
    assert 'control character' in _error(_raw(app, 'GET', path))


@pytest.mark.parametrize('body, words', [
    (b'{"name": "x\\u0000"}', 'NUL'),
    (b'{"name": "x\\udc00y"}', 'lone surrogate'),
    ('{"name": "x"}'.encode('utf-16'), 'UTF-8'),
    (b'{"name": ' + b'[' * 10000 + b']' * 10000 + b'}', 'nested deeper'),
])
def test_bodies_no_handler_can_take_are_400(app, body, words):
    response = _raw(app, 'POST', b'/resource_providers', body=body)
    assert words in _error(response)
    listed = _raw(app, 'GET', b'/resource_providers')
    assert json.loads(listed.body)['resource_providers'] == []


def test_a_good_provider_is_still_made(app):
    response = _raw(app, 'POST', b'/resource_providers',
                    body='{"name": "caf\u00e9"}'.encode())
    assert response.status_int == 200
