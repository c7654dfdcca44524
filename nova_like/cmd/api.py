# SPDX-License-Identifier: Apache-2.0
"""nova-like-api: the Compute API under gunicorn; the master heartbeats."""

import sys

from nova_like.api import wsgi
from nova_like.cmd import common
from nova_like import conf
from nova_like import service
from nova_like import wsgi_server

CONF = conf.CONF
BINARY = 'nova-like-api'


def main(argv=None):
    argv = argv if argv is not None else sys.argv
    common.parse_args(argv, BINARY)
    common.check_transport(BINARY)
    common.check_database(BINARY, 'api_database', 'api')
    common.check_database(BINARY, 'database', 'main')
    heartbeat = service.Service(BINARY)
    wsgi_server.serve(wsgi.init_application, CONF.api.listen, CONF.api.port,
                      CONF.api.workers, CONF.api.threads, BINARY,
                      when_ready=heartbeat.start, on_exit=heartbeat.stop)
