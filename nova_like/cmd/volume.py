# SPDX-License-Identifier: Apache-2.0
"""nova-like-volume: the Block Storage API and the volume RPC server.

Both in one daemon, with its heartbeat (binary nova-like-volume, topic
volume, server = [DEFAULT] host).

The RPC server, heartbeat and the periodic deadline check run in
gunicorn's master once it listens (as nova-like-network's do); the API's
workers are forked from it and drop its broker connection.
"""

import sys

from nova_like.cmd import common
from nova_like import conf
from nova_like.db import engine
from nova_like import exception
from nova_like import service
from nova_like.volume import backends
from nova_like.volume.db import migration
from nova_like.volume import manager
from nova_like.volume import rpcapi
from nova_like.volume import wsgi
from nova_like import wsgi_server

CONF = conf.CONF
BINARY = 'nova-like-volume'


def check_volume_database():
    """Exit unless [volume_database] connection is usable and at head."""
    url = CONF.volume_database.connection
    option = '[volume_database] connection'
    if not url:
        common.fail(BINARY, '%s is not set' % option)
    try:
        engine.check_connection(url, CONF.volume_database, option)
    except exception.ConfigError as exc:
        common.fail(BINARY, exc.message)
    at, head = migration.current(url), migration.head()
    if at != head:
        common.fail(BINARY, '%s: schema is at %s, this code needs %s: run '
                    '"nova-like-manage volume_db sync"'
                    % (option, at or 'nothing', head))


def check_backend():
    """Exit unless the configured backend can be built here."""
    try:
        return backends.get_backend(CONF)
    except (exception.ConfigError, OSError) as exc:
        common.fail(BINARY, '[volume] backend %s: %s'
                    % (CONF.volume.backend, exception.reason_of(exc)))


class _RPCService:
    """The RPC server and heartbeat, started when gunicorn is ready."""

    def __init__(self, backend):
        self.backend = backend
        self.server = None

    def start(self):
        self.server = service.Service(
            BINARY, topic=rpcapi.RPC_TOPIC,
            manager=manager.VolumeManager(CONF, backend=self.backend))
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
    check_volume_database()
    backend = check_backend()
    engine.dispose_all()
    rpc_service = _RPCService(backend)
    api = CONF.volume_api
    wsgi_server.serve(lambda: wsgi.init_application(CONF), api.listen,
                      api.port, api.workers, api.threads, BINARY,
                      when_ready=rpc_service.start,
                      on_exit=rpc_service.stop)


if __name__ == '__main__':
    main()
