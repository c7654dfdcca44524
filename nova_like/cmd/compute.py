# SPDX-License-Identifier: Apache-2.0
"""nova-like-compute: drives one host's hypervisor.

It reaches the database only via the conductor.
"""

import sys

from oslo_log import log as logging

from nova_like.cmd import common
from nova_like.compute import manager
from nova_like.compute import rpcapi
from nova_like.conductor import api as conductor_api
from nova_like import conf
from nova_like.db import engine
from nova_like import exception
from nova_like.objects import base as objects_base
from nova_like.objects import service as service_obj
from nova_like import service

CONF = conf.CONF
LOG = logging.getLogger(__name__)
BINARY = service_obj.COMPUTE_BINARY


def main(argv=None):
    argv = argv if argv is not None else sys.argv
    common.parse_args(argv, BINARY)
    if CONF.database.connection or CONF.api_database.connection:
        LOG.warning('%s ignores [database] and [api_database]: compute '
                    'reaches the database only through the conductor',
                    BINARY)
    engine.forbid_access(BINARY)
    objects_base.NovaLikeObject.indirection_api = (
        conductor_api.indirection_api())
    common.check_transport(BINARY)
    try:
        compute_manager = manager.ComputeManager()
    except exception.ConfigError as exc:
        common.fail(BINARY, exc.message)
    server = service.Service(BINARY, topic=rpcapi.RPC_TOPIC,
                             manager=compute_manager,
                             executor_threads=CONF.compute.executor_threads)
    common.run(server, BINARY)
