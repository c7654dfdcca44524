# SPDX-License-Identifier: Apache-2.0
"""A real nova_like Placement app served over HTTP, in a thread.

On a free 127.0.0.1 port.
"""

import socketserver
import threading
from wsgiref import simple_server

from oslo_config import cfg

from nova_like.conf import placement as placement_conf
from nova_like.placement.db import migration
from nova_like.placement import wsgi


class _Handler(simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True


class PlacementServer:
    """start() -> endpoint URL; stop() shuts the server down."""

    def __init__(self, url):
        self.url = url
        self.httpd = None

    def start(self):
        migration.upgrade(self.url)
        conf = cfg.ConfigOpts()
        placement_conf.register_opts(conf)
        conf([], project='nova_like', default_config_files=[],
             default_config_dirs=[])
        conf.set_override('connection', self.url, 'placement_database')
        conf.set_override('auth_strategy', 'noauth2', 'placement_api')
        app = wsgi.init_application(conf)
        self.httpd = simple_server.make_server(
            '127.0.0.1', 0, app, server_class=_Server,
            handler_class=_Handler)
        # stop() waits for the loop to notice, up to one poll_interval.
        threading.Thread(target=self.httpd.serve_forever,
                         kwargs={'poll_interval': 0.05}, daemon=True).start()
        return 'http://127.0.0.1:%d' % self.httpd.server_port

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
