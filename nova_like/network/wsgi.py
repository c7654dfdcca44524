# SPDX-License-Identifier: Apache-2.0
"""The Networking WSGI application: request ids, auth, policy, errors.

Errors have Networking's body {"NeutronError": {"type", "message",
"detail"}}: the type is the error's class name (NetworkNotFound,
IpAddressGenerationFailure, ...).
"""

import json
import logging
import uuid

from keystonemiddleware import auth_token
from oslo_config import cfg
import webob

from nova_like import conf as nl_conf  # noqa: F401 (registers options)
from nova_like.db import engine
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like import exception
from nova_like.network import context as network_context
from nova_like.network.db import api as db_api
from nova_like.network import dhcp_agent
from nova_like.network import host_rules
from nova_like.network import peers
from nova_like.network import errors
from nova_like.network import handler
from nova_like.network import policies
from nova_like import wsgi_edge
from nova_like import wsgi_server

LOG = logging.getLogger(__name__)
REQUEST_ID_ENV = 'openstack.request_id'
NOAUTH_TOKEN = 'admin'
# What a 503 for an unreachable database asks the client to wait.
RETRY_AFTER_SECONDS = 5


def error_response(exc, environ):
    status = getattr(exc, 'code', 500)
    resp = webob.Response(status=status, content_type='application/json',
                          charset=None)
    resp.body = json.dumps({'NeutronError': {
        'type': errors.type_name(exc),
        'message': exception.reason_of(exc), 'detail': ''}}).encode()
    for key, value in (getattr(exc, 'headers', None) or {}).items():
        resp.headers[key] = value
    return resp


class NetworkApp:
    """Build the context, dispatch, and turn errors into Networking's."""

    def __init__(self, db, enforcer, conf, dhcp=None, host_rules=None,
                 peers=None):
        self.db = db
        self.enforcer = enforcer
        self.conf = conf
        self.dhcp = dhcp
        self.host_rules = host_rules
        self.peers = peers
        self.dispatcher = handler.Dispatcher()

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        environ.setdefault(REQUEST_ID_ENV, 'req-%s' % uuid.uuid4())
        try:
            try:
                wsgi_edge.check_request(environ)
            except wsgi_edge.BadInput as exc:
                raise errors.bad_input(exc)
            environ['network.context'] = \
                network_context.RequestContext.from_environ(
                    environ, db=self.db, enforcer=self.enforcer,
                    conf=self.conf, request_id=environ[REQUEST_ID_ENV])
            environ['network.dhcp'] = self.dhcp
            environ['network.host_rules'] = self.host_rules
            environ['network.peers'] = self.peers
            resp = self._dispatch(req)
        except exception.NovaLikeException as exc:
            if exc.code >= 500:
                LOG.error('%s %s failed: %s', req.method, req.path, exc)
            resp = error_response(exc, environ)
        except Exception as exc:
            resp = error_response(self._unexpected(req, exc), environ)
        resp.headers['x-openstack-request-id'] = environ[REQUEST_ID_ENV]
        return resp(environ, start_response)

    def _dispatch(self, req):
        return engine.read_twice(req.method, req.path,
                                 lambda: self.dispatcher(req))

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
        failure = exception.NovaLikeException(
            'An unexpected error occurred; the service log has the details '
            'under request id %s.' % req.environ[REQUEST_ID_ENV])
        failure.type_name = 'HTTPInternalServerError'
        return failure


class NoAuth:
    """Tests only: X-Auth-Token "admin" is an admin, "<user>:<project>" a
    member of project; anything else is 401."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get('PATH_INFO', '/') in ('', '/'):
            return self.app(environ, start_response)
        token = environ.get('HTTP_X_AUTH_TOKEN') or ''
        if token == NOAUTH_TOKEN:
            user, project, roles = 'admin', 'admin', 'admin,member,reader'
        elif token.count(':') == 1 and all(token.split(':')):
            (user, project), roles = token.split(':'), 'member,reader'
        else:
            environ.setdefault(REQUEST_ID_ENV, 'req-%s' % uuid.uuid4())
            resp = error_response(exception.NovaLikeException(
                'This server could not verify that you are authorized: '
                'send X-Auth-Token: %s (auth_strategy is noauth2)'
                % NOAUTH_TOKEN), environ)
            resp.status = 401
            resp.headers['WWW-Authenticate'] = 'Keystone uri="noauth2"'
            resp.headers['x-openstack-request-id'] = environ[REQUEST_ID_ENV]
            return resp(environ, start_response)
        environ['HTTP_X_USER_ID'] = user
        environ['HTTP_X_PROJECT_ID'] = project
        environ['HTTP_X_ROLES'] = roles
        return self.app(environ, start_response)


def database(conf):
    url = conf.network_database.connection
    if not url:
        raise exception.DBNotConfigured(group='network_database')
    return db_api.Database(url, conf.network_database)


def init_application(conf=None, dhcp_driver=None, compute=None):
    """Build the WSGI application from conf (cfg.CONF by default).

    :param dhcp_driver: the DHCP driver to use (tests pass a recording
        one), else nova_like.network.linux.dhcp's.
    :param compute: what security group and peer changes are sent to
        (tests pass a recording one), else compute's RPC client.
    """
    conf = conf or cfg.CONF
    db = database(conf)
    hosts = []      # compute's RPC client, made on first use

    def compute_client():
        if not hosts:
            hosts.append(compute or compute_rpcapi.ComputeAPI())
        return hosts[0]
    app = NetworkApp(db, policies.get_enforcer(conf), conf,
                     dhcp_agent.DhcpAgent(conf, db, dhcp_driver),
                     host_rules.HostRules(db, conf, compute_client),
                     peers.Peers(db, conf, compute_client))
    if conf.network_api.auth_strategy == 'noauth2':
        app = NoAuth(app)
    else:
        keystone = auth_token.AuthProtocol(
            app, {'oslo_config_config': conf,
                  'oslo_config_project': 'nova_like'})
        app = wsgi_server.RootBypass(keystone, app)
    wsgi_server.freeze_startup_objects()
    return app
