# SPDX-License-Identifier: Apache-2.0
"""A running daemon: its RPC server, its services table row, its heartbeat.

Every daemon registers itself as (host, binary) in the cell database's
services table and bumps ``last_seen_up`` every [DEFAULT] report_interval;
``nova-like-manage service list`` shows it down once that is older than
service_down_time. nova-like-compute does all of this through the conductor
(object indirection), so it keeps retrying registration until a conductor
answers. The broker connection heals by itself (oslo.messaging reconnects);
a heartbeat that fails is logged and retried on the next tick.
"""

import gc
import logging
import threading

import oslo_messaging as messaging

from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import base as objects_base
from nova_like import rpc

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class Service:
    """A daemon's lifecycle: start(), then stop() on SIGTERM."""

    def __init__(self, binary, topic=None, manager=None, host=None,
                 executor_threads=16, register=True):
        self.binary = binary
        self.topic = topic
        self.manager = manager
        self.host = host or CONF.host
        self.executor_threads = executor_threads
        self.register = register
        self.service_ref = None
        self.rpcserver = None
        self._stop = threading.Event()
        self._threads = []
        self._beat_failing = False

    def start(self):
        ctx = nl_context.get_admin_context()
        if self.register:
            self.service_ref = self._register(ctx)
        if self.manager is not None and hasattr(self.manager, 'init_host'):
            self.manager.init_host(ctx)
        if self.topic:
            target = messaging.Target(topic=self.topic, server=self.host)
            endpoints = [self.manager]
            self.rpcserver = rpc.get_server(target, endpoints,
                                            self.executor_threads)
            self.rpcserver.start()
        if self.register:
            # Up from the moment it serves RPC, not from registration:
            # starting (a hypervisor's capability probe, the first inventory
            # report) can outlast service_down_time.
            self._beat()
            self._spawn(self._heartbeat_loop, 'heartbeat')
        if self.manager is not None and hasattr(self.manager,
                                                'periodic_tasks'):
            self._spawn(self._periodic_loop, 'periodic')
        # As wsgi_server.freeze_startup_objects for the WSGI apps: what
        # exists now (modules, engines, the manager) stays out of the full
        # GC passes that busy RPC handlers trigger.
        gc.collect()
        gc.freeze()
        LOG.info('%s started on %s (topic %s)', self.binary, self.host,
                 self.topic)

    def _spawn(self, target, name):
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _register(self, ctx):
        delay = 1
        while not self._stop.is_set():
            try:
                self._await_conductor(ctx, timeout=delay)
                return self._get_or_create(ctx)
            except messaging.MessagingTimeout:
                LOG.warning('%s: no conductor answered while registering; '
                            'retrying in %ds', self.binary, delay)
            self._stop.wait(delay)
            delay = min(delay * 2, 10)
        raise SystemExit(0)

    @staticmethod
    def _await_conductor(ctx, timeout):
        """Ping the conductor briefly when objects go through it.

        A call sent before the conductor's queue exists is sent again for
        rpc_missing_queue_timeout (dropped by the broker, with that 0); a
        short ping finds that out in seconds instead.
        """
        indirection = objects_base.NovaLikeObject.indirection_api
        if indirection is not None:
            indirection.ping(ctx, timeout=timeout)

    def _get_or_create(self, ctx):
        try:
            ref = objects.Service.get_by_host_and_binary(ctx, self.host,
                                                         self.binary)
        except exception.HostBinaryNotFound:
            ref = objects.Service(ctx, host=self.host, binary=self.binary,
                                  topic=self.topic)
            try:
                ref.create()
            except exception.DuplicateEntry:
                # Another process of the same binary and host won the race.
                ref = objects.Service.get_by_host_and_binary(
                    ctx, self.host, self.binary)
        return ref

    def _beat(self):
        """One heartbeat; a failure is logged once and retried next tick."""
        try:
            self.service_ref.heartbeat()
            if self._beat_failing:
                LOG.warning('%s heartbeat recovered', self.binary)
            self._beat_failing = False
        except Exception as exc:  # keep beating whatever went wrong
            if not self._beat_failing:
                LOG.warning('%s heartbeat failed, will retry: %s',
                            self.binary, exc)
            self._beat_failing = True

    def _heartbeat_loop(self):
        while not self._stop.wait(CONF.report_interval):
            self._beat()

    def _periodic_loop(self):
        ctx = nl_context.get_admin_context()
        while not self._stop.wait(getattr(self.manager, 'periodic_interval',
                                          CONF.periodic_interval)):
            try:
                self.manager.periodic_tasks(ctx)
            except Exception:  # a failed run must not end the loop
                LOG.exception('%s periodic tasks failed', self.binary)

    def stop(self):
        """Stop serving RPC and the background loops; safe to call twice."""
        self._stop.set()
        if self.rpcserver is not None:
            self.rpcserver.stop()
            self.rpcserver.wait()
            self.rpcserver = None
        for thread in self._threads:
            thread.join(timeout=5)
        LOG.info('%s on %s stopped', self.binary, self.host)
