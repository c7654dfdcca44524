# SPDX-License-Identifier: Apache-2.0
"""The Block Storage WSGI application: request ids, auth, microversions,
policy, errors.

Errors have Cinder's body {"<fault name>": {"message": ..., "code": ...}}
(itemNotFound, badRequest, overLimit, ...; errors.py).
"""

import json
import logging
import threading
import uuid

from keystonemiddleware import auth_token
from oslo_config import cfg
import webob

from nova_like.clients import glance as glance_client
from nova_like import conf as nl_conf  # noqa: F401 (registers options)
from nova_like.db import engine
from nova_like import exception
from nova_like.volume import context as volume_context
from nova_like.volume.db import api as db_api
from nova_like.volume import errors
from nova_like.volume import handler
from nova_like.volume import microversion
from nova_like.volume import policies
from nova_like.volume import rpcapi
from nova_like.volume import volume_types
from nova_like import wsgi_edge
from nova_like import wsgi_server

LOG = logging.getLogger(__name__)
REQUEST_ID_ENV = 'openstack.request_id'
NOAUTH_TOKEN = 'admin'
# Version discovery, answered without a token (keystoneauth asks so).
DISCOVERY_PATHS = ('', '/', '/v3', '/v3/')
RETRY_AFTER_SECONDS = 5


def error_response(exc):
    code = getattr(exc, 'code', 500)
    resp = webob.Response(status=code, content_type='application/json',
                          charset=None)
    resp.body = json.dumps({errors.fault_name(code): {
        'message': exception.reason_of(exc), 'code': code}}).encode()
    for key, value in (getattr(exc, 'headers', None) or {}).items():
        resp.headers[key] = value
    return resp


class _LazyRPC:
    """The volume RPC client, made on first use (after the fork)."""

    def __init__(self):
        self._client = None
        self._lock = threading.Lock()

    def __call__(self):
        with self._lock:
            if self._client is None:
                self._client = rpcapi.VolumeAPI()
            return self._client


class VolumeApp:
    """Build the context, negotiate the version, dispatch, answer errors."""

    def __init__(self, db, enforcer, conf, volume_rpcapi=None, glance=None):
        self.db = db
        self.enforcer = enforcer
        self.conf = conf
        self.glance = glance or glance_client.GlanceClient()
        self.rpcapi = (lambda: volume_rpcapi) if volume_rpcapi else \
            _LazyRPC()
        self.dispatcher = handler.Dispatcher()

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        environ.setdefault(REQUEST_ID_ENV, 'req-%s' % uuid.uuid4())
        version = None
        try:
            try:
                wsgi_edge.check_request(environ)
            except wsgi_edge.BadInput as exc:
                raise errors.bad_input(exc)
            version = microversion.negotiate(req.headers)
            environ['volume.microversion'] = version
            environ['volume.context'] = \
                volume_context.RequestContext.from_environ(
                    environ, db=self.db, enforcer=self.enforcer,
                    conf=self.conf, request_id=environ[REQUEST_ID_ENV])
            environ['volume.rpcapi'] = self.rpcapi
            environ['volume.glance'] = self.glance
            resp = engine.read_twice(req.method, req.path,
                                     lambda: self.dispatcher(req))
        except exception.NovaLikeException as exc:
            if exc.code >= 500:
                LOG.error('%s %s failed: %s', req.method, req.path, exc)
            resp = error_response(exc)
        except Exception as exc:
            resp = error_response(self._unexpected(req, exc))
        if version is not None and req.path_info not in ('', '/'):
            microversion.answer(resp, version)
        resp.headers['x-openstack-request-id'] = environ[REQUEST_ID_ENV]
        return resp(environ, start_response)

    @staticmethod
    def _unexpected(req, exc):
        if engine.is_connection_lost(exc):
            LOG.warning('%s %s: the database is unreachable: %s',
                        req.method, req.path, exc)
            unavailable = errors.ServiceUnavailable()
            unavailable.headers = {'Retry-After': str(RETRY_AFTER_SECONDS)}
            return unavailable
        LOG.error('Unexpected error in %s %s', req.method, req.path,
                  exc_info=exc)
        return exception.NovaLikeException(
            'An unexpected error occurred; the service log has the details '
            'under request id %s.' % req.environ[REQUEST_ID_ENV])


class NoAuth:
    """Tests only: X-Auth-Token "admin" is an admin of project admin,
    "<user>:<project>" a member of project; anything else is 401."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get('PATH_INFO', '/') in DISCOVERY_PATHS:
            return self.app(environ, start_response)
        token = environ.get('HTTP_X_AUTH_TOKEN') or ''
        if token == NOAUTH_TOKEN:
            user, project, roles = 'admin', 'admin', 'admin,member,reader'
        elif token.count(':') == 1 and all(token.split(':')):
            (user, project), roles = token.split(':'), 'member,reader'
        else:
            resp = error_response(exception.NovaLikeException(
                'This server could not verify that you are authorized: '
                'send X-Auth-Token: %s (auth_strategy is noauth2)'
                % NOAUTH_TOKEN))
            resp.status = 401
            resp.body = json.dumps({'unauthorized': {
                'message': 'The request you have made requires '
                           'authentication (auth_strategy is noauth2).',
                'code': 401}}).encode()
            resp.headers['WWW-Authenticate'] = 'Keystone uri="noauth2"'
            return resp(environ, start_response)
        environ['HTTP_X_USER_ID'] = user
        environ['HTTP_X_PROJECT_ID'] = project
        environ['HTTP_X_ROLES'] = roles
        return self.app(environ, start_response)


class DiscoveryBypass:
    """The version documents without a token; the rest through
    keystonemiddleware."""

    def __init__(self, authed, plain):
        self.authed = authed
        self.plain = plain

    def __call__(self, environ, start_response):
        if environ.get('PATH_INFO', '/') in DISCOVERY_PATHS:
            return self.plain(environ, start_response)
        return self.authed(environ, start_response)


def database(conf):
    url = conf.volume_database.connection
    if not url:
        raise exception.DBNotConfigured(group='volume_database')
    return db_api.Database(url, conf.volume_database)


def init_application(conf=None, volume_rpcapi=None, glance=None):
    """Build the WSGI application from conf (cfg.CONF by default).

    :param volume_rpcapi: what volume work is cast to (tests may pass
        one), else the VolumeAPI RPC client.
    :param glance: the GlanceClient images are checked with, else one on
        [glance].
    """
    conf = conf or cfg.CONF
    db = database(conf)
    volume_types.ensure_default(db, conf)
    app = VolumeApp(db, policies.get_enforcer(conf), conf, volume_rpcapi,
                    glance)
    if conf.volume_api.auth_strategy == 'noauth2':
        app = NoAuth(app)
    else:
        keystone = auth_token.AuthProtocol(
            app, {'oslo_config_config': conf,
                  'oslo_config_project': 'nova_like'})
        app = DiscoveryBypass(keystone, app)
    wsgi_server.freeze_startup_objects()
    return app
