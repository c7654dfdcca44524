# SPDX-License-Identifier: Apache-2.0
"""nova-like-network: the Networking API and the network RPC server.

Both in one daemon, with its heartbeat.

The RPC server and heartbeat run in gunicorn's master once it listens
(as Placement's heartbeat does); the API's workers are forked from it and
drop its broker connection (nova_like.rpc forgets it in a child).
"""

import sys

from nova_like.cmd import common
from nova_like import conf
from nova_like.db import engine
from nova_like import exception
from nova_like.network.db import migration
from nova_like.network import manager
from nova_like.network import rpcapi
from nova_like.network import wsgi
from nova_like import service
from nova_like import wsgi_server

CONF = conf.CONF
BINARY = 'nova-like-network'


def check_network_database():
    """Exit unless [network_database] connection is usable and at head."""
    url = CONF.network_database.connection
    option = '[network_database] connection'
    if not url:
        common.fail(BINARY, '%s is not set' % option)
    try:
        engine.check_connection(url, CONF.network_database, option)
    except exception.ConfigError as exc:
        common.fail(BINARY, exc.message)
    at, head = migration.current(url), migration.head()
    if at != head:
        common.fail(BINARY, '%s: schema is at %s, this code needs %s: run '
                    '"nova-like-manage network_db sync"'
                    % (option, at or 'nothing', head))


class _RPCService:
    """The RPC server and heartbeat, started when gunicorn is ready."""

    def __init__(self):
        self.server = None

    def start(self):
        self.server = service.Service(
            BINARY, topic=rpcapi.RPC_TOPIC,
            manager=manager.NetworkManager(CONF))
        try:
            self.server.start()
        except exception.ConfigError as exc:
            common.fail(BINARY, exc.message)

    def stop(self):
        if self.server is not None:
            self.server.stop()
            self.server = None


def main(argv=None):
    argv = argv if argv is not None else sys.argv
    common.parse_args(argv, BINARY)
    common.check_transport(BINARY)
    common.check_database(BINARY, 'database', 'main')
    check_network_database()
    engine.dispose_all()
    rpc_service = _RPCService()
    api = CONF.network_api
    wsgi_server.serve(lambda: wsgi.init_application(CONF), api.listen,
                      api.port, api.workers, api.threads, BINARY,
                      when_ready=rpc_service.start,
                      on_exit=rpc_service.stop)


if __name__ == '__main__':
    main()
