# SPDX-License-Identifier: Apache-2.0
"""The Placement app's last line of defence.

Lost database connections and unexpected errors.
"""

import pytest
from sqlalchemy import exc as sa_exc
import webob

from nova_like.placement import wsgi


def _lost_connection():
    return sa_exc.OperationalError(
        'SELECT 1', {}, Exception('server closed the connection '
                                  'unexpectedly'), connection_invalidated=True)


class _FailsFirst:
    """A dispatcher that raises the given errors, then answers 200."""

    def __init__(self, *errors):
        self.errors = list(errors)
        self.calls = 0

    def __call__(self, req):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return webob.Response(json={'ok': True})


def _app(dispatcher):
    app = wsgi.PlacementApp(db=None, enforcer=None)
    app.dispatcher = dispatcher
    return app


def _call(app, method):
    request = webob.Request.blank('/resource_providers', method=method)
    request.headers['X-Auth-Token'] = 'admin'
    return request.get_response(app)


def test_read_that_lost_its_database_connection_is_retried():
    dispatcher = _FailsFirst(_lost_connection())
    response = _call(_app(dispatcher), 'GET')
    assert response.status_int == 200 and dispatcher.calls == 2


@pytest.mark.parametrize('method, errors', [
    ('POST', [_lost_connection()]),
    ('GET', [_lost_connection(), _lost_connection()])])
def test_database_unreachable_is_a_503_with_retry_after(method, errors):
    dispatcher = _FailsFirst(*errors)
    response = _call(_app(dispatcher), method)
    assert response.status_int == 503
    assert response.headers['Retry-After'] == '5'
    [error] = response.json['errors']
    assert 'database is unreachable' in error['detail']
    assert dispatcher.calls == len(errors)


def test_unexpected_error_is_a_500_naming_the_request_id():
    response = _call(_app(_FailsFirst(RuntimeError('boom'))), 'GET')
    assert response.status_int == 500
    [error] = response.json['errors']
    assert error['request_id'] in error['detail']
    assert 'boom' not in error['detail']
