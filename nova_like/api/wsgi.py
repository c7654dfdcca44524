# SPDX-License-Identifier: Apache-2.0
"""The Compute API WSGI application and its middleware stack."""

import logging

from keystonemiddleware import auth_token
from oslo_utils import uuidutils
import webob
import webob.dec

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import router
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db import engine
from nova_like import objects
from nova_like import wsgi_edge
from nova_like import wsgi_server

CONF = conf.CONF
LOG = logging.getLogger(__name__)
# What a 503 for an unreachable database asks the client to wait.
RETRY_AFTER_SECONDS = 5


class FaultWrapper:
    """Any unexpected exception becomes an error with Nova's body, logged once.

    A database connection lost mid-request (a server restart) is a retry
    for a read, and otherwise a 503 with Retry-After; anything else is a
    500 that points at this API's log.
    """

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        try:
            return request.get_response(self.app)
        except Exception as exc:  # the last line of defence
            if not engine.is_connection_lost(exc):
                return self._unexpected(request, exc)
            if request.method not in ('GET', 'HEAD'):
                return self._unavailable(request, exc)
            LOG.warning('%s %s lost its database connection (%s); trying '
                        'once more', request.method, request.path, exc)
        try:
            return request.get_response(self.app)
        except Exception as exc:
            if engine.is_connection_lost(exc):
                return self._unavailable(request, exc)
            return self._unexpected(request, exc)

    @staticmethod
    def _unexpected(request, exc):
        LOG.error('Unexpected error in %s %s', request.method, request.path,
                  exc_info=exc)
        return errors.fault_response(
            500, 'Unexpected API Error: the nova-like-api log has the '
                 'details under request id %s.'
                 % request.environ.get('openstack.request_id'))

    @staticmethod
    def _unavailable(request, exc):
        LOG.warning('%s %s: the database is unreachable: %s',
                    request.method, request.path, exc)
        return errors.fault_response(
            503, 'The database is unreachable (its connection was lost); '
                 'try again in a few seconds.',
            headers={'Retry-After': str(RETRY_AFTER_SECONDS)})


# Nova takes a JSON body as these, or with no Content-Type (or text/plain).
JSON_TYPES = ('', 'text/plain', 'application/json',
              'application/vnd.openstack.compute+json')


class Edge:
    """Refuses what wsgi_edge refuses, and a Content-Type that is not JSON
    (415 as Nova), before anything reads the request."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        try:
            wsgi_edge.check_request(environ)
        except wsgi_edge.BadInput as exc:
            response = errors.fault_response(exc.status, exc.message)
            return response(environ, start_response)
        media_type = environ.get('CONTENT_TYPE', '').split(';')[0]
        if media_type.strip().lower() not in JSON_TYPES:
            response = errors.fault_response(
                415, 'Unsupported Content-Type %s: the Compute API takes '
                     'application/json.' % media_type[:80])
            return response(environ, start_response)
        return self.app(environ, start_response)


class RequestId:
    """Gives every request an id, req-<uuid>, and returns it in both of
    Nova's response headers (x-openstack-request-id, x-compute-request-id)."""

    HEADERS = ('x-openstack-request-id', 'x-compute-request-id')

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        request_id = 'req-' + uuidutils.generate_uuid()
        request.environ['openstack.request_id'] = request_id
        # The thread's current context (what log lines are stamped with)
        # is this request's from here on, not the last one's on the thread.
        nl_context.RequestContext(request_id=request_id)
        response = request.get_response(self.app)
        for header in self.HEADERS:
            response.headers[header] = request_id
        return response


def _version_headers(response, text):
    response.headers['OpenStack-API-Version'] = 'compute ' + text
    response.headers['X-OpenStack-Nova-API-Version'] = text
    response.headers['Vary'] = ('OpenStack-API-Version, '
                                'X-OpenStack-Nova-API-Version')
    return response


class Microversions:
    """Negotiates the microversion and echoes it in the response headers."""

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        # The root, v2.0 (no microversions) and the health check.
        if request.path_info in ('/', '/v2', '/v2/') or \
                request.path_info.startswith('/healthcheck'):
            return request.get_response(self.app)
        try:
            version = microversion.negotiate(request.headers)
        except webob.exc.HTTPNotAcceptable as exc:
            # Nova echoes the version it could not serve.
            return _version_headers(
                errors.fault_response(exc.code, exc.explanation),
                microversion.requested(request.headers).strip())
        except webob.exc.HTTPException as exc:
            return errors.fault_response(exc.code, exc.explanation)
        request.environ[microversion.ENVIRON_KEY] = version
        response = request.get_response(self.app)
        return _version_headers(response, microversion.to_str(version))


class NoAuth:
    """Test-only auth: X-Auth-Token "user:project"; user "admin" is admin."""

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        token = request.headers.get('X-Auth-Token')
        if request.path_info in router.PUBLIC_PATHS and not token:
            return request.get_response(self.app)
        if not token:
            return errors.fault_response(
                401, 'The request you have made requires authentication.',
                headers={'WWW-Authenticate': 'Keystone uri="noauth"'})
        # "user:project", or "user:project:role,role" to choose the roles.
        user, _, rest = token.partition(':')
        project, _, role_list = rest.partition(':')
        if role_list:
            roles = role_list.split(',')
        else:
            roles = ['admin', 'member', 'reader'] if user == 'admin' else [
                'member', 'reader']
        request.environ['nova_like.context'] = nl_context.RequestContext(
            user_id=user, project_id=project or user, roles=roles,
            is_admin='admin' in roles,
            remote_address=request.remote_addr,
            request_id=request.environ.get('openstack.request_id'))
        return request.get_response(self.app)


class KeystoneContext:
    """Builds the RequestContext from auth_token's X-* headers (only
    requests auth_token let through get here)."""

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        roles = [r.strip() for r in
                 request.headers.get('X-Roles', '').split(',') if r]
        request.environ['nova_like.context'] = (
            nl_context.RequestContext(
                user_id=request.headers.get('X-User-Id'),
                project_id=request.headers.get('X-Project-Id'),
                roles=roles, is_admin='admin' in roles,
                auth_token=request.headers.get('X-Auth-Token'),
                remote_address=request.remote_addr,
                request_id=request.environ.get('openstack.request_id')))
        return request.get_response(self.app)


class _PublicBypass:
    """Lets the version documents and /healthcheck skip auth_token;
    /healthcheck with a token goes through it (an admin sees details)."""

    def __init__(self, app, authed):
        self.app = app
        self.authed = authed

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '/')
        if path in router.PUBLIC_PATHS and not (
                path == '/healthcheck' and environ.get('HTTP_X_AUTH_TOKEN')):
            return self.app(environ, start_response)
        return self.authed(environ, start_response)


def init_application():
    """Build the API app from cfg.CONF (called in every worker)."""
    objects.register_all()
    app = router.Router()
    app = Microversions(app)
    if CONF.api.auth_strategy == 'noauth2':
        app = NoAuth(app)
    else:
        inner = KeystoneContext(app)
        app = _PublicBypass(app, auth_token.AuthProtocol(
            inner, {'oslo_config_config': CONF,
                    'oslo_config_project': 'nova_like'}))
    app = RequestId(Edge(FaultWrapper(app)))
    wsgi_server.freeze_startup_objects()
    return app
