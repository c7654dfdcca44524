# SPDX-License-Identifier: Apache-2.0
"""Serve a WSGI app with gunicorn (gthread workers, no eventlet).

The app factory runs in every worker after the fork, so no database engine
or message transport is ever shared across processes. Gunicorn itself
tells systemd READY=1 once its workers are up.
"""

import gc

from gunicorn.app.base import BaseApplication

from nova_like import profiling

# Seconds an idle kept-alive connection stays open.
KEEPALIVE = 75


def freeze_startup_objects():
    """Keep what exists now (modules, the app) out of full GC passes.

    A big answer (10,000 allocation candidates, 200 servers in detail)
    allocates enough to trigger full collections, which otherwise walk
    every object of the process: tens of ms a request. App factories call
    this last.
    """
    gc.collect()
    gc.freeze()


class _Application(BaseApplication):

    def __init__(self, app_factory, options):
        self._app_factory = app_factory
        self._options = options
        super().__init__()

    def load_config(self):
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self):
        profiling.install(self._options['proc_name'])
        return self._app_factory()


def serve(app_factory, host, port, workers, threads, name,
          when_ready=None, on_exit=None):
    """Run app_factory() behind gunicorn until SIGTERM/SIGINT.

    :param when_ready: called once in the master when the socket listens.
    :param on_exit: called once in the master on shutdown.
    """
    options = {
        'bind': '%s:%d' % (host, port),
        'workers': workers,
        'threads': threads,
        'worker_class': 'gthread',
        'preload_app': False,
        'proc_name': name,
        # Every daemon would otherwise share ~/.gunicorn/gunicorn.ctl.
        'control_socket_disable': True,
        'graceful_timeout': 10,
        'timeout': 120,
        # Longer than any client's poll interval (the openstack CLI's --wait
        # polls every 5 s): a server closing an idle connection just as the
        # client reuses it fails that request (RemoteDisconnected).
        'keepalive': KEEPALIVE,
        'accesslog': None,
        'errorlog': '-',
        'loglevel': 'warning',
    }
    if when_ready is not None:
        options['when_ready'] = lambda server: when_ready()
    if on_exit is not None:
        options['on_exit'] = lambda server: on_exit()
    _Application(app_factory, options).run()


class RootBypass:
    """Let GET / (version discovery) through to plain without a token;
    everything else goes to authed (keystonemiddleware in front)."""

    def __init__(self, authed, plain):
        self.authed = authed
        self.plain = plain

    def __call__(self, environ, start_response):
        if environ.get('PATH_INFO', '/') in ('', '/'):
            return self.plain(environ, start_response)
        return self.authed(environ, start_response)
