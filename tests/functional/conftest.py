# SPDX-License-Identifier: Apache-2.0
"""Fixtures that run every service in this process on the fake:// transport."""

import sqlite3

from futurist import _thread as futurist_thread
from keystoneauth1 import loading as ks_loading
import pytest

from nova_like.compute import manager as compute_manager
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.conductor import manager as conductor_manager
from nova_like.conductor import rpcapi as conductor_rpcapi
from nova_like.clients import ksa
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db import engine
from nova_like.db import migration
from nova_like import objects
from nova_like.placement.db import migration as placement_migration
from nova_like import rpc
from nova_like.scheduler import manager as scheduler_manager
from nova_like.scheduler import rpcapi as scheduler_rpcapi
from nova_like import service
from tests import fake_network
from tests.functional import placement_server

CONF = conf.CONF


@pytest.fixture(autouse=True, scope='session')
def _quick_rpc_server_stop():
    """Let a stopping RPC server's idle workers notice within 50 ms.

    oslo.messaging's threading executor is a futurist pool whose idle workers
    look for a stop only every MAX_IDLE_FOR (1 s), and server.wait() joins
    them: a second lost per RPC server in every teardown.
    """
    before = futurist_thread.ThreadWorker.MAX_IDLE_FOR
    futurist_thread.ThreadWorker.MAX_IDLE_FOR = 0.05
    yield
    futurist_thread.ThreadWorker.MAX_IDLE_FOR = before


class Stack:
    """Conductor, scheduler and N computes as in-process services."""

    def __init__(self):
        self.services = []
        self.computes = {}
        self.network = None  # tests.fake_network.FakeNetwork

    def start(self, binary, topic, manager, host):
        svc = service.Service(binary, topic=topic, manager=manager,
                              host=host, executor_threads=4)
        svc.start()
        self.services.append(svc)
        return svc

    def start_compute(self, host):
        svc = self.start('nova-like-compute', compute_rpcapi.RPC_TOPIC,
                         compute_manager.ComputeManager(host=host), host)
        self.computes[host] = svc
        return svc

    def stop(self):
        for svc in reversed(self.services):
            svc.stop()


def use_static_token(endpoint, overrides, group='placement'):
    """Point [group] at endpoint with keystoneauth's admin_token plugin."""
    for opt in ks_loading.get_auth_plugin_conf_options('admin_token'):
        if opt.dest not in CONF[group]:
            CONF.register_opt(opt, group=group)
    for name, value in (('auth_type', 'admin_token'), ('endpoint', endpoint),
                        ('token', 'admin')):
        CONF.set_override(name, value, group=group)
        overrides[(name, group)] = value
    ksa.reset()


@pytest.fixture(scope='session')
def schema_templates(tmp_path_factory):
    """The API, cell and Placement schemas migrated to head once per run.

    :returns: {'api' | 'main' | 'placement': path of a SQLite file at head}
    """
    folder = tmp_path_factory.mktemp('schema')
    upgrades = {'api': lambda url: migration.upgrade('api', url),
                'main': lambda url: migration.upgrade('main', url),
                'placement': placement_migration.upgrade}
    files = {}
    for tree, upgrade in upgrades.items():
        files[tree] = folder / ('%s.sqlite' % tree)
        upgrade('sqlite:///%s' % files[tree])
    engine.dispose_all()
    return files


def copy_schema(source, target):
    """A fresh database at target with source's schema (and rows)."""
    # The backup API reads through the WAL, which a file copy would miss.
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture
def stack(tmp_path, schema_templates):
    objects.register_all()
    rpc.register_opts()
    CONF([], project='nova_like', default_config_files=[])
    overrides = {
        ('transport_url', None): 'fake:///',
        ('report_interval', None): 1,
        ('service_down_time', None): 3,
        ('connection', 'database'): 'sqlite:///%s/cell1.sqlite' % tmp_path,
        ('connection', 'api_database'): 'sqlite:///%s/api.sqlite' % tmp_path,
        ('auth_strategy', 'api'): 'noauth2',
        ('reconcile_interval', 'conductor'): 1,
        # Quotas have their own tests (api/test_quotas.py); here they would
        # only stop the many servers backend tests boot.
        ('instances', 'quota'): -1,
        ('cores', 'quota'): -1,
        ('ram', 'quota'): -1,
    }
    for (name, group), value in overrides.items():
        CONF.set_override(name, value, group=group)
    for name, tree in (('cell1', 'main'), ('cell0', 'main'), ('api', 'api'),
                       ('placement', 'placement')):
        copy_schema(schema_templates[tree], tmp_path / (name + '.sqlite'))
    running_placement = placement_server.PlacementServer(
        'sqlite:///%s/placement.sqlite' % tmp_path)
    use_static_token(running_placement.start(), overrides)
    ctx = nl_context.get_admin_context()
    cell0_url = 'sqlite:///%s/cell0.sqlite' % tmp_path
    objects.CellMapping(ctx, uuid=objects.cell_mapping.CELL0_UUID,
                        name='cell0', transport_url='none:///',
                        database_connection=cell0_url).create()
    objects.CellMapping(ctx, uuid='3d6a8c4e-0000-4000-8000-000000000001',
                        name='cell1', transport_url='fake:///',
                        database_connection=CONF.database.connection).create()
    running = Stack()
    # The network service stand-in: boots are checked with it in the API.
    running.network = fake_network.FakeNetwork().start()
    running.start('nova-like-conductor', conductor_rpcapi.RPC_TOPIC,
                  conductor_manager.ConductorManager(host='ctl'), 'ctl')
    running.start('nova-like-scheduler', scheduler_rpcapi.RPC_TOPIC,
                  scheduler_manager.SchedulerManager(host='ctl'), 'ctl')
    try:
        yield running
    finally:
        running.stop()
        running.network.stop()
        running_placement.stop()
        ksa.reset()
        rpc.cleanup()
        engine.dispose_all()
        for (name, group) in overrides:
            CONF.clear_override(name, group=group)
