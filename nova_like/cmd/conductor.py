# SPDX-License-Identifier: Apache-2.0
"""nova-like-conductor: orchestration and the compute hosts' database proxy."""

import sys

from nova_like.cmd import common
from nova_like.conductor import manager
from nova_like.conductor import rpcapi
from nova_like import conf
from nova_like import service

CONF = conf.CONF
BINARY = 'nova-like-conductor'


def main(argv=None):
    argv = argv if argv is not None else sys.argv
    common.parse_args(argv, BINARY)
    common.check_transport(BINARY)
    common.check_database(BINARY, 'api_database', 'api')
    common.check_database(BINARY, 'database', 'main')
    server = service.Service(BINARY, topic=rpcapi.RPC_TOPIC,
                             manager=manager.ConductorManager(),
                             executor_threads=CONF.conductor.executor_threads)
    common.run(server, BINARY)
