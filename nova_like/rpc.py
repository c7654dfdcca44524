# SPDX-License-Identifier: Apache-2.0
"""oslo.messaging plumbing: transport, clients, servers, serializer.

One transport per process.
"""

import os
import threading

import amqp
from oslo_config import cfg
import oslo_messaging as messaging
from oslo_messaging import opts as messaging_opts

from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like.objects import base as objects_base

CONF = conf.CONF

_transport = None
_lock = threading.Lock()


class RequestContextSerializer(messaging.Serializer):
    """Serializes versioned objects and the RequestContext on the wire."""

    def __init__(self):
        self._base = objects_base.NovaLikeObjectSerializer()

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return nl_context.RequestContext.from_dict(context)


def register_opts():
    """Register oslo.messaging's [DEFAULT] options (transport_url, ...)."""
    for group, opts in messaging_opts.list_opts():
        if group is None:
            CONF.register_opts(opts)


def get_transport():
    """The process's RPC transport, created from [DEFAULT] transport_url."""
    global _transport
    with _lock:
        if _transport is None:
            _transport = messaging.get_rpc_transport(
                CONF, allowed_remote_exmods=['nova_like.exception'])
        return _transport


def cleanup():
    """Close the transport (at shutdown, and in a forked child)."""
    global _transport
    with _lock:
        if _transport is not None:
            _transport.cleanup()
            _transport = None


def _forget_in_child():
    # A forked worker must not share the parent's broker connections.
    global _transport
    _transport = None


os.register_at_fork(after_in_child=_forget_in_child)


def get_client(target, version_cap=None, timeout=None):
    return messaging.get_rpc_client(get_transport(), target,
                                    version_cap=version_cap, timeout=timeout,
                                    serializer=RequestContextSerializer())


def get_server(target, endpoints, executor_threads):
    """An RPC server on the threading executor, executor_threads workers."""
    transport = get_transport()
    CONF.set_override('executor_thread_pool_size', executor_threads)
    return messaging.get_rpc_server(transport, target, endpoints,
                                    serializer=RequestContextSerializer())


def check_transport(timeout):
    """Connect to the broker once; raise ConfigError naming the option if not.

    :param timeout: seconds to wait for the broker.
    """
    option = '[DEFAULT] transport_url'
    register_opts()
    try:
        url = messaging.TransportURL.parse(CONF)
    except messaging.InvalidTransportURL as exc:
        raise exception.ConfigError(option=option, reason=str(exc)) from exc
    location = CONF.get_location('transport_url')
    if location is None or location.location == cfg.Locations.opt_default:
        raise exception.ConfigError(
            option=option, reason='is not set (e.g. '
            'rabbit://guest:guest@127.0.0.1:5672/)')
    if url.transport in ('fake', 'kafka'):
        return
    if not url.transport.startswith('rabbit'):
        raise exception.ConfigError(
            option=option, reason='unsupported driver %r' % url.transport)
    _check_rabbit(url, option, timeout)


def _check_rabbit(url, option, timeout):
    errors = []
    for host in url.hosts or [None]:
        hostname = (host.hostname if host else None) or 'localhost'
        port = (host.port if host else None) or 5672
        conn = amqp.Connection(
            host='%s:%d' % (hostname, port),
            userid=(host.username if host else None) or 'guest',
            password=(host.password if host else None) or 'guest',
            virtual_host=url.virtual_host or '/',
            connect_timeout=timeout)
        try:
            conn.connect()
            conn.close()
            return
        except Exception as exc:  # any failure means this host is unusable
            errors.append('%s:%d: %s' % (hostname, port, exc or
                                         type(exc).__name__))
    raise exception.ConfigError(
        option=option, reason='cannot reach the broker: ' + '; '.join(errors))
