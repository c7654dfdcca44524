# SPDX-License-Identifier: Apache-2.0
"""The Compute API in-process: the `cloud` and `live` fixtures.

`cloud` runs on SQLite with Glance, conductor, compute and network
stand-ins; `live` runs over the whole stack.
"""

import datetime
import json
import types

import pytest
import webob

from nova_like.api.handlers import servers as servers_handler
from nova_like.api import wsgi
from nova_like.clients import ksa
from nova_like.compute import api as compute_api
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db import engine
from nova_like import objects
from nova_like.objects import cell_mapping
from nova_like import rpc
from tests import factories
from tests import fake_network
from tests.functional.api import fakes
from tests.functional.api import live as live_helpers
from tests.functional import conftest as functional_conftest
from tests import glance_standin

CONF = conf.CONF
CELL1_UUID = '3d6a8c4e-0000-4000-8000-000000000001'


class Client:
    """Requests to the WSGI app as a given user:project (noauth2)."""

    def __init__(self, app, token, version=None):
        self.app = app
        self.token = token
        self.version = version

    def request(self, method, path, body=None, version=None, token=None,
                headers=None):
        request = webob.Request.blank(path, method=method)
        request.host = '127.0.0.1:8774'
        request.headers['X-Auth-Token'] = token or self.token
        version = version or self.version
        if version:
            request.headers['OpenStack-API-Version'] = 'compute ' + version
        if body is not None:
            request.body = json.dumps(body).encode()
            request.content_type = 'application/json'
        request.headers.update(headers or {})
        response = request.get_response(self.app)
        response.json_body_or_none = (json.loads(response.body)
                                      if response.body else None)
        return response

    def get(self, path, **kw):
        return self.request('GET', path, **kw)

    def post(self, path, body, **kw):
        return self.request('POST', path, body, **kw)

    def put(self, path, body, **kw):
        return self.request('PUT', path, body, **kw)

    def delete(self, path, **kw):
        return self.request('DELETE', path, **kw)


def _seed_flavors(ctx):
    for flavorid, name, ram, disk, vcpus in (('1', 'm1.tiny', 512, 1, 1),
                                             ('2', 'm1.small', 2048, 20, 1),
                                             ('3', 'm1.medium', 4096, 40, 2)):
        factories.create_flavor(ctx, flavorid=flavorid, name=name,
                                memory_mb=ram, root_gb=disk, vcpus=vcpus)
    factories.create_flavor(ctx, flavorid='private', name='private.one',
                            memory_mb=1024, root_gb=10, is_public=False,
                            projects=['proj-b'])


@pytest.fixture
def cloud_databases(tmp_path, schema_templates):
    """{'api' | 'cell0' | 'cell1': URL} of databases at head for `cloud`:
    SQLite files (a test module may override this fixture)."""
    urls = {name: 'sqlite:///%s/%s.sqlite' % (tmp_path, name)
            for name in ('api', 'cell0', 'cell1')}
    for name in urls:
        functional_conftest.copy_schema(
            schema_templates['api' if name == 'api' else 'main'],
            tmp_path / (name + '.sqlite'))
    return urls


@pytest.fixture
def cloud(cloud_databases):
    """The API app and its stand-ins; see the attributes for what is there."""
    objects.register_all()
    rpc.register_opts()
    CONF([], project='nova_like', default_config_files=[])
    urls = cloud_databases
    glance = glance_standin.GlanceStandIn()
    overrides = {
        ('transport_url', None): 'fake:///',
        ('connection', 'database'): urls['cell1'],
        ('connection', 'api_database'): urls['api'],
        ('auth_strategy', 'api'): 'noauth2',
        ('endpoint_override', 'glance'): glance.url,
    }
    for (name, group), value in overrides.items():
        CONF.set_override(name, value, group=group)
    ctx = nl_context.get_admin_context()
    cells = {}
    for name, uuid in (('cell0', cell_mapping.CELL0_UUID),
                       ('cell1', CELL1_UUID)):
        cells[name] = objects.CellMapping(
            ctx, uuid=uuid, name=name, transport_url='fake:///',
            database_connection=urls[name])
        cells[name].create()
    _seed_flavors(ctx)
    with nl_context.target_cell(ctx, cells['cell1']) as cctx:
        service = objects.Service(
            cctx, host=fakes.HOST, binary='nova-like-compute',
            topic='compute',
            last_seen_up=datetime.datetime.now(datetime.timezone.utc))
        service.create()
    network = fake_network.FakeNetwork().start()
    conductor = fakes.FakeConductor(cells, network)
    compute = fakes.FakeCompute(cells['cell1'], network)
    placement = fakes.FakePlacement()
    rpc_servers = [fakes.start_rpc_server('conductor', 'fake-conductor',
                                          conductor),
                   fakes.start_rpc_server('compute', fakes.HOST, compute)]
    servers_handler.set_compute_api(compute_api.API(placement=placement))
    app = wsgi.init_application()

    def boot(client, name='vm', **extra):
        """factories.boot, once the conductor stand-in has the cast."""
        response = factories.boot(client, name, **extra)
        conductor.wait()
        return response

    try:
        yield types.SimpleNamespace(
            app=app, ctx=ctx, cells=cells, glance=glance,
            conductor=conductor, compute=compute, placement=placement,
            network=network,
            service=service, boot=boot,
            admin=Client(app, 'admin:admin-proj', '2.100'),
            alice=Client(app, 'alice:proj-a', '2.100'),
            bob=Client(app, 'bob:proj-b', '2.100'))
    finally:
        for server in rpc_servers:
            server.stop()
            server.wait()
        network.stop()
        servers_handler.set_compute_api(None)
        glance.stop()
        ksa.reset()
        rpc.cleanup()
        engine.dispose_all()
        for (name, group) in overrides:
            CONF.clear_override(name, group=group)


@pytest.fixture
def live(stack):
    """alice (proj-a), bob (proj-b) and admin on the whole stack with one
    compute host, live_helpers.HOST, whose periodic tasks (power-state sync)
    run every live_helpers.PERIOD seconds; drive it with live_helpers."""
    CONF.set_override('periodic_interval', live_helpers.PERIOD)
    glance = glance_standin.GlanceStandIn()
    CONF.set_override('endpoint_override', glance.url, 'glance')
    service = stack.start_compute(live_helpers.HOST)
    factories.create_flavor(nl_context.get_admin_context())
    app = wsgi.init_application()
    servers_handler.set_compute_api(None)  # built anew on this config
    try:
        yield types.SimpleNamespace(
            stack=stack, driver=service.manager.driver,
            alice=Client(app, 'alice:proj-a', '2.100'),
            bob=Client(app, 'bob:proj-b', '2.100'),
            admin=Client(app, 'admin:admin', '2.100'))
    finally:
        servers_handler.set_compute_api(None)
        CONF.clear_override('endpoint_override', 'glance')
        CONF.clear_override('periodic_interval')
        glance.stop()


def api_rows(ctx):
    """What the API DB holds for servers: build requests, specs, mappings."""
    from nova_like.db.api import database
    from nova_like.db.api import models
    import sqlalchemy as sa
    with database.reader() as session:
        return {name: session.scalar(sa.select(sa.func.count()).select_from(
            model)) for name, model in (
                ('build_requests', models.BuildRequest),
                ('request_specs', models.RequestSpec),
                ('instance_mappings', models.InstanceMapping))}
