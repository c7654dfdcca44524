# SPDX-License-Identifier: Apache-2.0
"""The hostile-input fuzz tier: every route of the four APIs, in-process.

tools/fuzz_apis.py generates the requests (seed SEED, COUNT per API on
SQLite, PG_COUNT on PostgreSQL, where a NUL reaching a string column is an
error of the database); any 5xx, error body outside the API's JSON shape,
non-JSON body or input the edge must refuse and did not fails the test,
listing the failing requests with their reproducers.
"""

import os

import pytest

from nova_like.clients import ksa
from nova_like import conf
from nova_like.db import engine
from nova_like.db import migration as nova_migration
from nova_like.network import coalescer
from nova_like.network.db import migration as network_migration
from nova_like.network import wsgi as network_wsgi
from nova_like.placement.db import migration as placement_migration
from nova_like.placement import wsgi as placement_wsgi
from nova_like.volume.db import migration as volume_migration
from nova_like.volume import wsgi as volume_wsgi
from tests import db_servers
from tests import fake_volume
from tests.functional.api.conftest import cloud  # noqa: F401 - a fixture
from tests.functional import conftest as functional_conftest
from tests.functional import placement_server
from tests.functional.network import fixtures as network_fixtures
from tests.functional.placement import fixtures as placement_fixtures
from tests.functional.volume import conftest as volume_conftest
from tests.functional.volume import fixtures as volume_fixtures
from tools import fuzz_apis

SEED = int(os.environ.get('FUZZ_SEED', '21'))
COUNT = int(os.environ.get('FUZZ_COUNT', '6000'))
PG_COUNT = int(os.environ.get('FUZZ_PG_COUNT', '3000'))

glance = volume_conftest.glance
volume_manager = volume_conftest.volume_manager


def _fuzz(api, app, token, project, count):
    send = fuzz_apis.wsgi_sender(app)
    sent, classes, failures = fuzz_apis.run(
        {api: (send, token, project)}, SEED, count=count)
    print(api, sent, classes)
    assert sent == count
    report = '\n\n'.join('%s\n%s' % (why, request.reproducer())
                         for request, why in failures[:40])
    assert not failures, '%d of %d requests failed (%s):\n%s' % (
        len(failures), sent, classes, report)
    # The fuzzer reached the handlers, not only the edge.
    assert classes.get(api + ' 2xx', 0) > count // 20, classes


def _url(backend, tmp_path):
    return db_servers.create_database(backend, tmp_path, prefix='nlfuzz')


CONF = conf.CONF
BACKENDS = [('sqlite', COUNT), ('postgresql', PG_COUNT)]


@pytest.fixture
def cloud_databases(request, tmp_path, schema_templates):
    """The `cloud` fixture's databases on request.param's backend."""
    urls = {}
    for name in ('api', 'cell0', 'cell1'):
        tree = 'api' if name == 'api' else 'main'
        if request.param == 'sqlite':
            functional_conftest.copy_schema(schema_templates[tree],
                                            tmp_path / (name + '.sqlite'))
            urls[name] = 'sqlite:///%s/%s.sqlite' % (tmp_path, name)
        else:
            urls[name] = _url(request.param, tmp_path)
            nova_migration.upgrade(tree, urls[name])
    yield urls
    engine.dispose_all()
    for url in urls.values():
        if request.param != 'sqlite':
            db_servers.drop_database(url)


@pytest.fixture
def volumes(tmp_path):
    """The Compute API's volume service: tests/fake_volume.py's."""
    standin = fake_volume.VolumeStandIn(tmp_path)
    CONF.set_override('endpoint_override', standin.url, 'cinder')
    ksa.reset()
    yield standin
    CONF.clear_override('endpoint_override', 'cinder')
    ksa.reset()
    standin.stop()


@pytest.mark.parametrize('cloud_databases, count', BACKENDS,
                         indirect=['cloud_databases'])
def test_compute_api(cloud, count, volumes):  # noqa: F811 - the fixture
    client = cloud.admin
    cloud.boot(client, 'fuzz-vm')
    server_id = client.get('/v2.1/servers').json_body_or_none[
        'servers'][0]['id']
    client.put('/v2.1/servers/%s/metadata/k1' % server_id,
               {'meta': {'k1': 'v'}})
    client.put('/v2.1/servers/%s/tags/fuzz-tag' % server_id, None)
    client.post('/v2.1/os-keypairs', {'keypair': {'name': 'fuzz'}})
    client.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'fuzz', 'policy': 'affinity'}})
    client.post('/v2.1/os-aggregates', {'aggregate': {'name': 'fuzz'}})
    # The compute stand-in has no console nor diagnostics; the real
    # manager answers.
    cloud.compute.get_console_output = (
        lambda context, instance, tail_length=None: 'fuzz console\n')
    cloud.compute.get_instance_diagnostics = (
        lambda context, instance: {'state': 'running', 'driver': 'libvirt',
                                   'hypervisor': 'fake', 'uptime': 0})
    client.post('/v2.1/flavors/1/os-extra_specs',
                {'extra_specs': {'hw:cpu_policy': 'shared'}})
    _fuzz('compute', cloud.app, [client.token, cloud.alice.token],
          'admin-proj', count)


@pytest.mark.parametrize('backend, count', BACKENDS)
def test_placement_api(backend, count, tmp_path):
    url = _url(backend, tmp_path)
    placement_migration.upgrade(url)
    app = placement_wsgi.init_application(placement_fixtures.make_conf(url))
    send = fuzz_apis.wsgi_sender(app)
    token = placement_wsgi.NOAUTH_TOKEN
    headers = {'X-Auth-Token': token, 'Content-Type': 'application/json',
               'OpenStack-API-Version': 'placement latest'}
    rp = '5b0a1a47-2f4e-4a4e-9d55-2b1f3c1e0001'
    for method, path, body in (
            ('PUT', '/resource_classes/CUSTOM_FUZZ', None),
            ('PUT', '/traits/CUSTOM_FUZZ', None),
            ('POST', '/resource_providers', {'name': 'fuzz', 'uuid': rp}),
            ('PUT', '/resource_providers/%s/inventories' % rp, {
                'resource_provider_generation': 0, 'inventories': {
                    'VCPU': {'total': 8}, 'MEMORY_MB': {'total': 4096}}})):
        status, _h, answer = send(fuzz_apis.Request(
            'placement', method, path, headers=headers,
            body=None if body is None else fuzz_apis.json.dumps(
                body).encode()))
        assert status < 300, answer
    try:
        _fuzz('placement', app, token, 'admin', count)
    finally:
        engine.dispose_all()
        if backend != 'sqlite':
            db_servers.drop_database(url)


@pytest.mark.parametrize('backend, count', BACKENDS)
def test_network_api(backend, count, tmp_path):
    url = _url(backend, tmp_path)
    network_migration.upgrade(url)
    app = network_wsgi.init_application(
        network_fixtures.make_conf(url),
        network_fixtures.RecordingDhcpDriver(),
        network_fixtures.RecordingCompute())
    client = network_fixtures.Client(app)
    net = client.create('network', name='fuzz')
    client.create('subnet', network_id=net['id'], cidr='10.9.0.0/24',
                  ip_version=4)
    client.create('port', network_id=net['id'])
    client.create('security_group', 'security-groups', name='fuzz')
    try:
        _fuzz('network', app, [network_wsgi.NOAUTH_TOKEN, 'alice:p1'],
              'admin', count)
    finally:
        coalescer.flush_all()  # what requests handed to the background
        engine.dispose_all()
        if backend != 'sqlite':
            db_servers.drop_database(url)


@pytest.fixture
def volume_conf(request, tmp_path):
    backend = request.param
    url = _url(backend, tmp_path)
    volume_migration.upgrade(url)
    yield volume_fixtures.make_conf(url, tmp_path / 'volumes')
    engine.dispose_all()
    if backend != 'sqlite':
        db_servers.drop_database(url)


@pytest.mark.parametrize('volume_conf, count',
                         BACKENDS, indirect=['volume_conf'])
def test_volume_api(volume_conf, count, volume_manager, glance):
    app = volume_wsgi.init_application(volume_conf, glance=glance.client())
    client = volume_fixtures.Client(app)
    client.post('/types', {'volume_type': {'name': 'fuzz'}})
    volume = client.create_volume(name='fuzz')
    client.wait_status(volume['id'], 'available')
    client.put('/volumes/%s/metadata/k1' % volume['id'],
               {'meta': {'k1': 'v'}})
    _fuzz('volume', app, volume_wsgi.NOAUTH_TOKEN, 'admin', count)


def test_the_tool_over_http(tmp_path, capsys):
    """tools/fuzz_apis.py against a Placement served over HTTP, as against
    the lab; a server that stops answering fails the run."""
    server = placement_server.PlacementServer(
        'sqlite:///%s/placement.sqlite' % tmp_path)
    url = server.start()
    argv = ['--api', 'placement', '--placement-url', url, '--token',
            'admin', '--seed', str(SEED), '--count', '300']
    try:
        assert fuzz_apis.main(argv) == 0, capsys.readouterr().out
        out = capsys.readouterr().out
        assert 'seed %d: 300 requests' % SEED in out
        assert 'placement 4xx' in out and '0 failures' in out
    finally:
        server.stop()
        engine.dispose_all()
    # The daemon gone: every request is a failure with its reproducer.
    assert fuzz_apis.main(argv[:-1] + ['5']) == 1
    out = capsys.readouterr().out
    assert 'no answer (the daemon died' in out and '5 failures' in out
