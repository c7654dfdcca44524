# SPDX-License-Identifier: Apache-2.0
"""oslo.messaging plumbing: transport, clients, servers, serializer.

One transport per process.
"""

import logging
import os
import threading
import time

import amqp
from oslo_config import cfg
import oslo_messaging as messaging
from oslo_messaging import opts as messaging_opts

from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like.objects import base as objects_base

CONF = conf.CONF
LOG = logging.getLogger(__name__)

# How often a message the broker could not route is sent again (what
# oslo.messaging waits between two tries of a reply that found no queue).
RESEND_INTERVAL = 0.25

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
    """A Client for target; with [DEFAULT] rpc_missing_queue_timeout > 0 its
    messages carry the AMQP mandatory flag."""
    options = None
    if CONF.rpc_missing_queue_timeout > 0:
        options = messaging.TransportOptions(at_least_once=True)
    return Client(messaging.get_rpc_client(
        get_transport(), target, version_cap=version_cap, timeout=timeout,
        serializer=RequestContextSerializer(), transport_options=options))


class Client:
    """oslo.messaging's RPCClient (or a prepared context of it) that sends
    again what the broker could not route.

    With the mandatory flag, a message that no queue is bound for comes back
    at once as MessageUndeliverable instead of being dropped: after a broker
    restart the servers' queues exist again only once each server has
    reconnected. Such a message is sent again every RESEND_INTERVAL for
    [DEFAULT] rpc_missing_queue_timeout seconds. Each try is a new message:
    none of the returned ones reached a server, so nothing runs twice.
    """

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        # can_send_version, target, version_cap, timeout: the oslo client's.
        if name == '_client':
            raise AttributeError(name)
        return getattr(self._client, name)

    def prepare(self, **kwargs):
        return Client(self._client.prepare(**kwargs))

    def _where(self):
        target = self._client.target
        if target.server:
            return '%s.%s' % (target.topic, target.server)
        return target.topic

    def call(self, context, method, **kwargs):
        """As RPCClient.call; no longer in all than the call's timeout.

        :raises: MessagingTimeout when no queue took it in time.
        """
        timeout = self._client.timeout
        if timeout is None:
            timeout = CONF.rpc_response_timeout
        start = time.monotonic()
        end = start + timeout

        def send():
            remaining = end - time.monotonic()
            return self._client.prepare(timeout=remaining).call(
                context, method, **kwargs)

        budget = min(timeout, CONF.rpc_missing_queue_timeout)
        try:
            return self._resend(send, start, budget, method)
        except messaging.MessageUndeliverable:
            raise messaging.MessagingTimeout(
                'No queue for topic %s took %s within %.1fs'
                % (self._where(), method, time.monotonic() - start)) from None

    def cast(self, context, method, **kwargs):
        """As RPCClient.cast.

        :raises: RPCUndeliverable when no queue took it in time.
        """
        start = time.monotonic()
        budget = CONF.rpc_missing_queue_timeout
        try:
            self._resend(lambda: self._client.cast(context, method, **kwargs),
                         start, budget, method)
        except messaging.MessageUndeliverable:
            raise exception.RPCUndeliverable(
                method=method, topic=self._where(),
                seconds=budget) from None

    def _resend(self, send, start, budget, method):
        """send() until the broker routes it or budget seconds from start.

        :raises: MessageUndeliverable of the last try.
        """
        tries = 0
        while True:
            try:
                result = send()
            except messaging.MessageUndeliverable:
                tries += 1
                left = start + budget - time.monotonic()
                if left <= RESEND_INTERVAL:
                    raise
                if tries == 1:
                    LOG.warning('No queue for topic %s (broker restarted, or '
                                'no server runs): sending %s again for up '
                                'to %ds', self._where(), method, budget)
                time.sleep(RESEND_INTERVAL)
                continue
            if tries:
                LOG.info('%s reached topic %s after %d tries over %.1fs',
                         method, self._where(), tries + 1,
                         time.monotonic() - start)
            return result


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
