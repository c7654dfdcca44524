# SPDX-License-Identifier: Apache-2.0
"""The Placement WSGI application: request ids, auth, microversions, errors."""

import json
import logging
import uuid

from keystonemiddleware import auth_token
from oslo_config import cfg
import webob

from nova_like import conf as nl_conf  # noqa: F401 (registers options)
from nova_like.db import engine
from nova_like.placement import context as placement_context
from nova_like.placement.db import api as db_api
from nova_like.placement import errors
from nova_like.placement import handler
from nova_like.placement import microversion
from nova_like.placement.objects import resource_class as rc_obj
from nova_like.placement.objects import trait as trait_obj
from nova_like.placement import policies
from nova_like import wsgi_edge
from nova_like import wsgi_server

LOG = logging.getLogger(__name__)
REQUEST_ID_ENV = 'openstack.request_id'
NOAUTH_TOKEN = 'admin'
# What a 503 for an unreachable database asks the client to wait.
RETRY_AFTER_SECONDS = 5


def error_body(exc, environ):
    err = {'status': exc.status, 'title': exc.title,
           'detail': '%s\n\n %s  ' % (exc.explanation, exc.detail),
           'code': exc.code,
           'request_id': environ.get(REQUEST_ID_ENV)}
    if exc.status == 406 and 'placement.microversion' not in environ:
        err['max_version'] = microversion.max_version_string()
        err['min_version'] = microversion.min_version_string()
    return {'errors': [err]}


def error_response(exc, environ):
    resp = webob.Response(status=exc.status, content_type='application/json',
                          charset=None)
    resp.body = json.dumps(error_body(exc, environ)).encode()
    for key, value in exc.headers.items():
        resp.headers[key] = value
    return resp


class PlacementApp:
    """Negotiate microversion, build context, dispatch, format errors."""

    def __init__(self, db, enforcer):
        self.db = db
        self.enforcer = enforcer
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
            environ['placement.microversion'] = version
            environ['placement.context'] = \
                placement_context.RequestContext.from_environ(
                    environ, db=self.db, enforcer=self.enforcer,
                    request_id=environ[REQUEST_ID_ENV])
            resp = self._dispatch(req)
        except errors.PlacementError as exc:
            resp = error_response(exc, environ)
        except Exception as exc:
            resp = error_response(self._unexpected(req, exc), environ)
        resp.headers['x-openstack-request-id'] = environ[REQUEST_ID_ENV]
        if version is not None:
            resp.headers['openstack-api-version'] = 'placement %s' % (
                microversion.version_string(version))
            resp.headers['vary'] = 'openstack-api-version'
        return resp(environ, start_response)

    def _dispatch(self, req):
        return engine.read_twice(req.method, req.path,
                                 lambda: self.dispatcher(req))

    @staticmethod
    def _unexpected(req, exc):
        if engine.is_connection_lost(exc):
            LOG.warning('%s %s: the database is unreachable: %s',
                        req.method, req.path, exc)
            return errors.ServiceUnavailable(
                'The database is unreachable (its connection was lost); '
                'try again in a few seconds.',
                headers={'Retry-After': str(RETRY_AFTER_SECONDS)})
        LOG.error('Unexpected error in %s %s', req.method, req.path,
                  exc_info=exc)
        return errors.InternalError(
            'An unexpected error occurred; the service log has the details '
            'under request id %s.' % req.environ[REQUEST_ID_ENV])


class NoAuth:
    """Tests only: X-Auth-Token "admin" is an admin and service; else 401."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get('PATH_INFO', '/') in ('', '/'):
            return self.app(environ, start_response)
        if environ.get('HTTP_X_AUTH_TOKEN') != NOAUTH_TOKEN:
            environ.setdefault(REQUEST_ID_ENV, 'req-%s' % uuid.uuid4())
            resp = error_response(errors.Unauthorized(
                'This server could not verify that you are authorized: send '
                'X-Auth-Token: %s (auth_strategy is noauth2)' % NOAUTH_TOKEN),
                environ)
            resp.headers['WWW-Authenticate'] = 'Keystone uri="noauth2"'
            resp.headers['x-openstack-request-id'] = environ[REQUEST_ID_ENV]
            return resp(environ, start_response)
        environ['HTTP_X_USER_ID'] = 'admin'
        environ['HTTP_X_PROJECT_ID'] = 'admin'
        environ['HTTP_X_ROLES'] = 'admin,service'
        return self.app(environ, start_response)


def init_application(conf=None):
    """Build the WSGI application from conf (cfg.CONF by default).

    Also makes sure the standard resource classes and traits of the
    installed os-resource-classes and os-traits are in the database.
    """
    conf = conf or cfg.CONF
    url = conf.placement_database.connection
    if not url:
        raise errors.InternalError('[placement_database] connection is not '
                                   'set')
    db = db_api.Database(
        url, conf.placement_database,
        answer_cache_entries=conf.placement_api.answer_cache_entries)
    rc_obj.ensure_sync(db)
    trait_obj.ensure_sync(db)
    app = PlacementApp(db, policies.get_enforcer(conf))
    if conf.placement_api.auth_strategy == 'noauth2':
        app = NoAuth(app)
    else:
        keystone = auth_token.AuthProtocol(
            app, {'oslo_config_config': conf,
                  'oslo_config_project': 'nova_like'})
        app = wsgi_server.RootBypass(keystone, app)
    wsgi_server.freeze_startup_objects()
    return app
