# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the scheduler's unit tests.

Cell mappings and compute hosts in real SQLite databases, a scheduler on
fake://.
"""

import datetime

import oslo_messaging as messaging
import pytest

from nova_like import context as nl_context
from nova_like import objects
from nova_like.objects import cell_mapping
from nova_like import rpc
from nova_like.scheduler import manager
from nova_like.scheduler import rpcapi
from tests.unit.scheduler import fixtures


@pytest.fixture
def cells(dbs, admin_context):
    """cell1 on the unit tier's cell DB; cell0 and a disabled cell2 on
    databases that do not exist, so that reading them would fail."""
    absent = 'sqlite:///%s/absent/%%s.sqlite' % dbs.path
    created = {}
    for name, uuid, url, disabled in (
            ('cell0', cell_mapping.CELL0_UUID, absent % 'cell0', False),
            ('cell1', fixtures.CELL1, dbs.main, False),
            ('cell2', '3d6a8c4e-0000-4000-8000-000000000002',
             absent % 'cell2', True)):
        created[name] = objects.CellMapping(
            admin_context, uuid=uuid, name=name, transport_url='fake:///',
            database_connection=url, disabled=disabled)
        created[name].create()
    return created


@pytest.fixture
def computes(cells, admin_context):
    """Makes a service of binary (up, unless told) and its compute node on
    a host of cell1; returns the node's uuid."""
    def make(host, binary='nova-like-compute', disabled=False, **node):
        with nl_context.target_cell(admin_context, cells['cell1']) as cctx:
            objects.Service(
                cctx, host=host, binary=binary, topic='compute',
                disabled=disabled,
                last_seen_up=datetime.datetime.now(datetime.timezone.utc)
            ).create()
            values = dict(host=host, hypervisor_hostname=host,
                          hypervisor_type='fake', vcpus=8, memory_mb=16384,
                          local_gb=100)
            values.update(node)
            created = objects.ComputeNode(cctx, **values)
            created.create()
            return created.uuid
    return make


@pytest.fixture
def placement():
    """The Placement stand-in of scheduler_server's manager."""
    return fixtures.PlacementStandIn()


@pytest.fixture
def scheduler_server(conf, cells, placement):
    """A SchedulerManager serving the scheduler topic on fake://."""
    conf.set_override('transport_url', 'fake:///')
    server = rpc.get_server(
        messaging.Target(topic=rpcapi.RPC_TOPIC, server='ctl'),
        [manager.SchedulerManager(host='ctl', placement=placement)],
        executor_threads=2)
    server.start()
    yield server
    server.stop()
    server.wait()
