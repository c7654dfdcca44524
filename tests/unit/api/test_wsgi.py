# SPDX-License-Identifier: Apache-2.0
"""The Compute API app in-process with noauth2.

Against Nova's captured responses.
"""

import json
import os
import re

from oslo_context import context as o_context
import pytest
from sqlalchemy import exc as sa_exc
import webob

from nova_like.api import microversion
from nova_like.api import wsgi

SAMPLES = os.path.join(os.path.dirname(__file__), '..', '..', 'samples',
                       'nova-34-api-samples')

MAX = microversion.to_str(microversion.MAX_VERSION)


def _sample(name):
    """A captured exchange: {'request': {...}, 'response': {...}}."""
    with open(os.path.join(SAMPLES, name)) as f:
        return json.load(f)


def _shape(value):
    """A JSON value's structure: dict keys and list item shapes, no values."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


@pytest.fixture
def app(conf):
    conf.set_override('auth_strategy', 'noauth2', group='api')
    return wsgi.init_application()


def _get(app, path, method='GET', **headers):
    request = webob.Request.blank(path, method=method)
    request.headers.update(headers)
    request.host = '127.0.0.1:8774'
    return request.get_response(app)


def test_root_lists_v21_like_nova(app):
    response = _get(app, '/')
    assert response.status_int == 200
    assert response.content_type == 'application/json'
    nova = _sample('nova_root_versions.json')['response']['body']
    nova_v21 = [v for v in nova['versions'] if v['id'] == 'v2.1'][0]
    ours = [v for v in response.json['versions'] if v['id'] == 'v2.1']
    assert len(ours) == 1
    assert _shape(ours[0]) == _shape(nova_v21)
    assert ours[0]['links'] == nova_v21['links']
    assert (ours[0]['status'], ours[0]['min_version'],
            ours[0]['updated']) == ('CURRENT', '2.1', nova_v21['updated'])
    assert ours[0]['version'] == MAX


@pytest.mark.parametrize('path, sample', [
    ('/v2.1', 'nova_v2.1_version.json'),
    ('/v2.1/', 'nova_v2.1_version_slash.json')])
def test_v21_document_like_nova(app, path, sample):
    response = _get(app, path)
    nova = _sample(sample)['response']
    assert response.status_int == nova['status']
    assert _shape(response.json) == _shape(nova['body'])
    version = dict(response.json['version'], version=None)
    assert version == dict(nova['body']['version'], version=None)
    for header in ('OpenStack-API-Version', 'X-OpenStack-Nova-API-Version',
                   'Vary'):
        assert response.headers[header] == nova['headers'][header]


def _ask_for_9_99(app):
    exchange = _sample('error_406_bad_microversion.json')
    headers = dict(exchange['request']['headers'], **{'X-Auth-Token': 'u:p'})
    return _get(app, '/v2.1/servers', **headers), exchange['response']


def test_406_for_an_unsupported_microversion_like_nova(app):
    response, nova = _ask_for_9_99(app)
    assert response.status_int == 406
    assert response.content_type == 'application/json'
    assert _shape(response.json) == _shape(nova['body'])
    expected = nova['body']['computeFault']['message'].replace(
        'maximum is 2.104', 'maximum is %s' % MAX)
    assert response.json['computeFault'] == {'code': 406,
                                             'message': expected}


def test_406_echoes_the_requested_version_like_nova(app):
    response, nova = _ask_for_9_99(app)
    for header in ('OpenStack-API-Version', 'X-OpenStack-Nova-API-Version',
                   'Vary'):
        assert response.headers.get(header) == nova['headers'][header]


def test_406_below_the_minimum(app):
    response = _get(app, '/v2.1', **{'OpenStack-API-Version': 'compute 2.0'})
    assert response.status_int == 406
    assert 'Minimum is 2.1' in json.dumps(response.json)


@pytest.mark.parametrize('value', ['compute 2.x', 'compute 2',
                                   'compute 2.1.1', 'compute two'])
def test_400_for_a_malformed_microversion(app, value):
    response = _get(app, '/v2.1', **{'OpenStack-API-Version': value})
    assert response.status_int == 400
    assert response.json['badRequest']['code'] == 400
    assert re.match(r'API Version String .+ is of invalid format\. Must be '
                    r'of format MajorNum\.MinorNum\.$',
                    response.json['badRequest']['message'])


MIN = microversion.to_str(microversion.MIN_VERSION)


@pytest.mark.parametrize('headers, answered', [
    ({'OpenStack-API-Version': 'compute latest'}, MAX),
    ({'OpenStack-API-Version': 'compute 2.1'}, '2.1'),
    ({'X-OpenStack-Nova-API-Version': '2.1'}, '2.1'),
    ({'OpenStack-API-Version': 'placement 1.39'}, MIN),  # not ours
    ({}, MIN)])
def test_negotiated_version_is_echoed(app, headers, answered):
    response = _get(app, '/v2.1', **headers)
    assert response.status_int == 200
    assert response.headers['OpenStack-API-Version'] == 'compute ' + answered
    assert response.headers['X-OpenStack-Nova-API-Version'] == answered


def test_401_without_a_token(app):
    nova = _sample('error_401_no_token.json')['response']
    response = _get(app, '/v2.1/servers')
    assert response.status_int == nova['status']
    assert response.headers['WWW-Authenticate'].startswith('Keystone uri=')
    body = response.json
    assert body['unauthorized']['code'] == 401
    assert body['unauthorized']['message'] == \
        nova['body']['error']['message']


def test_version_documents_and_healthcheck_need_no_token(app):
    for path in ('/', '/v2.1', '/v2.1/', '/healthcheck'):
        assert _get(app, path).status_int == 200, path
    assert _get(app, '/healthcheck').json == {'status': 'OK'}


def test_404_in_novas_shape(app):
    response = _get(app, '/v2.1/no-such-thing', **{'X-Auth-Token': 'u:p'})
    assert response.status_int == 404
    assert response.content_type == 'application/json'
    assert list(response.json) == ['itemNotFound']
    assert response.json['itemNotFound']['code'] == 404
    assert response.json['itemNotFound']['message']
    # Even a 404 tells the client which microversion answered.
    assert response.headers['OpenStack-API-Version'] == 'compute ' + MIN


def test_404_for_an_unknown_root_path(app):
    response = _get(app, '/v3', **{'X-Auth-Token': 'u:p'})
    assert response.status_int == 404
    assert response.json['itemNotFound']['code'] == 404


def test_405_in_novas_shape(app):
    response = _get(app, '/v2.1', method='DELETE')
    assert response.status_int == 405
    assert response.json == {'badMethod': {
        'code': 405,
        'message': 'The method DELETE is not allowed for this resource.'}}
    assert response.headers['Allow'] == 'GET'


def test_unexpected_error_is_a_500_in_novas_shape():
    def broken(environ, start_response):
        raise RuntimeError('boom')

    response = webob.Request.blank('/v2.1').get_response(
        wsgi.FaultWrapper(broken))
    assert response.status_int == 500
    fault = response.json['computeFault']
    assert fault['code'] == 500
    assert 'Unexpected API Error' in fault['message']
    assert 'boom' not in fault['message']
    assert 'launchpad' not in fault['message']


def _lost_connection():
    return sa_exc.OperationalError(
        'SELECT 1', {}, Exception('server closed the connection '
                                  'unexpectedly'), connection_invalidated=True)


class _FailsFirst:
    """A WSGI app that raises the given errors, then answers 200."""

    def __init__(self, *errors):
        self.errors = list(errors)
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return webob.Response(json={'ok': True})(environ, start_response)


def test_read_that_lost_its_database_connection_is_retried():
    app = _FailsFirst(_lost_connection())
    response = webob.Request.blank('/v2.1/servers').get_response(
        wsgi.FaultWrapper(app))
    assert response.status_int == 200 and app.calls == 2


@pytest.mark.parametrize('method, errors', [
    ('POST', [_lost_connection()]),
    ('GET', [_lost_connection(), _lost_connection()])])
def test_database_unreachable_is_a_503_with_retry_after(method, errors):
    app = _FailsFirst(*errors)
    response = webob.Request.blank('/v2.1/servers', method=method).\
        get_response(wsgi.FaultWrapper(app))
    assert response.status_int == 503
    assert response.headers['Retry-After'] == '5'
    message = response.json['serviceUnavailable']['message']
    assert 'database is unreachable' in message
    assert app.calls == len(errors)  # a write is never tried twice


def test_a_request_without_a_user_is_not_logged_as_the_last_ones(app):
    _get(app, '/v2.1/flavors', **{'X-Auth-Token': 'alice:proj-a'})
    assert o_context.get_current().user_id == 'alice'
    response = _get(app, '/healthcheck')
    current = o_context.get_current()
    assert current.user_id is None and current.project_id is None
    assert current.request_id == \
        response.headers['x-openstack-request-id']


def test_root_lists_v20_first_and_v20_document_follows(app):
    nova = _sample('nova_root_versions.json')['response']['body']
    listed = _get(app, '/').json['versions']
    assert [v['id'] for v in listed] == ['v2.0', 'v2.1']
    assert listed[0] == nova['versions'][0]
    for path in ('/v2', '/v2/'):
        shown = _get(app, path)
        assert shown.status_int == 200
        version = shown.json['version']
        assert [link for link in version['links'] if link['rel'] == 'self'
                ] == listed[0]['links']
        assert (version['id'], version['status']) == ('v2.0', 'DEPRECATED')
        assert version['media-types'][0]['type'] == (
            'application/vnd.openstack.compute+json;version=2')
    assert _get(app, '/v2/servers', **{'X-Auth-Token': 'u:p'}
                ).status_int == 404
