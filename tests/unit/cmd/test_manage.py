# SPDX-License-Identifier: Apache-2.0
"""nova-like-manage end to end.

A real config file, SQLite databases, captured output.
"""

import datetime
import re

import pytest

from nova_like.cmd import manage
from nova_like import context as nl_context
from nova_like.db import migration
from nova_like.network.db import migration as network_migration
from nova_like import objects
from nova_like.objects import cell_mapping

UUID_RE = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                     r'[0-9a-f]{12}$')


class Deployment:
    """A config file in tmp_path and a way to run nova-like-manage on it."""

    def __init__(self, tmp_path, capsys):
        self.path = tmp_path
        self.capsys = capsys
        self.main_url = 'sqlite:///%s' % (tmp_path / 'nova.sqlite')
        self.api_url = 'sqlite:///%s' % (tmp_path / 'nova_api.sqlite')
        self.cell0_url = 'sqlite:///%s' % (tmp_path / 'nova_cell0.sqlite')
        self.config = tmp_path / 'nova_like.conf'
        self.write_config()

    def write_config(self, default=None, database=None, api_database=None):
        """(Re)write the config file; None keeps the usual value."""
        sections = {
            'DEFAULT': {'transport_url': 'fake:///',
                        'service_down_time': '60'},
            'database': {'connection': self.main_url},
            'api_database': {'connection': self.api_url},
        }
        for name, values in (('DEFAULT', default), ('database', database),
                             ('api_database', api_database)):
            sections[name].update(values or {})
        lines = []
        for name, values in sections.items():
            lines.append('[%s]' % name)
            lines.extend('%s = %s' % (k, v) for k, v in values.items()
                         if v is not None)
        self.config.write_text('\n'.join(lines) + '\n')

    def manage(self, *argv):
        """Run nova-like-manage; return (exit code, stdout, stderr)."""
        self.capsys.readouterr()
        code = manage.main(['--config-file', str(self.config)] + list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv):
        code, out, err = self.manage(*argv)
        assert code == 0, (argv, out, err)
        return out

    def create_cell(self, name='cell1', *extra):
        return self.ok('cell_v2', 'create_cell', '--name', name,
                       *extra).strip()


def _lines(out):
    return [[cell.strip() for cell in line.strip('|').split('|')]
            for line in out.splitlines() if line.startswith('|')]


def _header(out):
    """The column names of a printed table."""
    return _lines(out)[0]


def _table(out):
    """The rows of a printed table as lists of stripped cells."""
    return _lines(out)[1:]


@pytest.fixture
def deployment(tmp_path, capsys):
    return Deployment(tmp_path, capsys)


@pytest.fixture
def synced(deployment):
    """api_db sync, map_cell0 and db sync done, as in an install guide."""
    deployment.ok('api_db', 'sync')
    deployment.ok('cell_v2', 'map_cell0')
    deployment.ok('db', 'sync')
    return deployment


def test_api_db_sync_and_version(deployment):
    assert deployment.ok('api_db', 'sync') == ''
    assert deployment.ok('api_db', 'version').strip() == \
        migration.head('api')


def test_db_sync_and_version(deployment):
    deployment.ok('api_db', 'sync')
    deployment.ok('db', 'sync')
    assert deployment.ok('db', 'version').strip() == migration.head('main')


def test_network_db_sync_and_version(deployment):
    url = 'sqlite:///%s' % (deployment.path / 'network.sqlite')
    with deployment.config.open('a') as config:
        config.write('[network_database]\nconnection = %s\n' % url)
    assert deployment.ok('network_db', 'version').strip() == 'None'
    deployment.ok('network_db', 'sync')
    assert deployment.ok('network_db', 'version').strip() == \
        network_migration.head()


def test_network_db_sync_without_a_connection_names_the_option(
        deployment):
    code, _out, err = deployment.manage('network_db', 'sync')
    assert code == 1
    assert '[network_database] connection' in err


def test_api_db_sync_without_a_connection_names_the_option(deployment):
    deployment.write_config(api_database={'connection': None})
    code, out, err = deployment.manage('api_db', 'sync')
    assert code == 1
    assert '[api_database] connection' in err
    assert 'Traceback' not in err


def test_a_missing_config_file_is_an_error_not_a_trace(deployment):
    deployment.config.unlink()
    code, _out, err = deployment.manage('db', 'sync')
    assert code == 1
    assert err.startswith('nova-like-manage: ')


def test_map_cell0_derives_the_cell0_url_from_database(deployment):
    deployment.ok('api_db', 'sync')
    assert deployment.ok('cell_v2', 'map_cell0') == ''
    cell0 = objects.CellMapping.get_by_uuid(nl_context.get_admin_context(),
                                            cell_mapping.CELL0_UUID)
    assert cell0.name == 'cell0'
    assert cell0.database_connection == deployment.cell0_url
    assert cell0.transport_url == 'none:///'


def test_map_cell0_twice_says_it_is_already_setup(deployment):
    deployment.ok('api_db', 'sync')
    deployment.ok('cell_v2', 'map_cell0')
    code, out, _err = deployment.manage('cell_v2', 'map_cell0')
    assert code == 0
    assert out.strip() == 'Cell0 is already setup'


def test_map_cell0_with_an_explicit_connection(deployment):
    deployment.ok('api_db', 'sync')
    url = 'sqlite:///%s' % (deployment.path / 'elsewhere.sqlite')
    deployment.ok('cell_v2', 'map_cell0', '--database_connection', url)
    cell0 = objects.CellMapping.get_by_uuid(nl_context.get_admin_context(),
                                            cell_mapping.CELL0_UUID)
    assert cell0.database_connection == url


def test_map_cell0_with_a_dot_in_a_directory_name(deployment):
    # Like os.path.splitext: only the file name's extension counts.
    state = deployment.path / 'state.d'
    state.mkdir()
    deployment.write_config(
        database={'connection': 'sqlite:///%s' % (state / 'nova')})
    deployment.ok('api_db', 'sync')
    deployment.ok('cell_v2', 'map_cell0')
    cell0 = objects.CellMapping.get_by_uuid(nl_context.get_admin_context(),
                                            cell_mapping.CELL0_UUID)
    assert cell0.database_connection == 'sqlite:///%s' % (
        state / 'nova_cell0')


def test_db_sync_also_syncs_cell0(deployment):
    deployment.ok('api_db', 'sync')
    deployment.ok('cell_v2', 'map_cell0')
    assert migration.current('main', deployment.cell0_url) is None
    deployment.ok('db', 'sync')
    assert migration.current('main', deployment.cell0_url) == \
        migration.head('main')
    assert migration.current('main', deployment.main_url) == \
        migration.head('main')


def test_create_cell_prints_its_uuid(synced):
    uuid = synced.create_cell('cell1')
    assert UUID_RE.match(uuid), uuid
    cell = objects.CellMapping.get_by_uuid(nl_context.get_admin_context(),
                                           uuid)
    assert (cell.name, cell.transport_url, cell.database_connection,
            cell.disabled) == ('cell1', 'fake:///', synced.main_url, False)


def test_create_cell_takes_urls_from_the_command_line(synced):
    url = 'sqlite:///%s' % (synced.path / 'cell2.sqlite')
    uuid = synced.create_cell('cell2', '--transport-url',
                              'rabbit://u:p@mq2:5672/',
                              '--database_connection', url, '--disabled')
    cell = objects.CellMapping.get_by_uuid(nl_context.get_admin_context(),
                                           uuid)
    assert (cell.transport_url, cell.database_connection, cell.disabled) == (
        'rabbit://u:p@mq2:5672/', url, True)


def test_create_cell_twice_returns_1(synced):
    uuid = synced.create_cell('cell1')
    code, out, _err = synced.manage('cell_v2', 'create_cell', '--name',
                                    'again')
    assert code == 1
    assert uuid in out
    assert 'already exists' in out


def test_create_cell_with_empty_transport_url_returns_2(synced):
    synced.write_config(default={'transport_url': ''})
    code, out, _err = synced.manage('cell_v2', 'create_cell', '--name', 'c')
    assert code == 2
    assert '--transport-url' in out


def test_create_cell_without_transport_url_returns_2(synced):
    # Left out of the config, transport_url is oslo.messaging's default
    # "rabbit://", which no operator chose; mapping a cell to it hides the
    # mistake until the API cannot reach the cell.
    synced.write_config(default={'transport_url': None})
    code, out, _err = synced.manage('cell_v2', 'create_cell', '--name', 'c')
    assert code == 2
    assert '--transport-url' in out


def test_create_cell_without_database_returns_2(synced):
    synced.write_config(database={'connection': None})
    code, out, _err = synced.manage('cell_v2', 'create_cell', '--name', 'c')
    assert code == 2
    assert '--database_connection' in out


def test_list_cells_masks_passwords_unless_verbose(synced):
    synced.create_cell('cell1', '--transport-url',
                       'rabbit://nova:mqsecret@mq:5672/',
                       '--database_connection',
                       'mysql+pymysql://nova:dbsecret@db/nova')
    out = synced.ok('cell_v2', 'list_cells')
    assert _header(out) == ['Name', 'UUID', 'Transport URL',
                            'Database Connection', 'Disabled']
    assert 'mqsecret' not in out and 'dbsecret' not in out
    rows = {row[0]: row for row in _table(out)}
    assert set(rows) == {'cell0', 'cell1'}
    assert rows['cell1'][2].startswith('rabbit://nova:')
    assert rows['cell1'][2].endswith('@mq:5672/')
    assert rows['cell0'][1] == cell_mapping.CELL0_UUID
    assert rows['cell0'][3] == synced.cell0_url
    verbose = synced.ok('cell_v2', 'list_cells', '--verbose')
    assert 'rabbit://nova:mqsecret@mq:5672/' in verbose
    assert 'mysql+pymysql://nova:dbsecret@db/nova' in verbose


def test_list_cells_masks_every_host_of_a_clustered_bus(synced):
    synced.create_cell('ha', '--transport-url',
                       'rabbit://nova:pw1@mq1:5672,nova:pw2@mq2:5672/')
    code, out, err = synced.manage('cell_v2', 'list_cells')
    assert code == 0, err
    assert 'pw1' not in out and 'pw2' not in out
    assert 'mq1:5672' in out and 'mq2:5672' in out


def _node(cctx, host, nodename):
    node = objects.ComputeNode(cctx, host=host, hypervisor_hostname=nodename,
                               hypervisor_type='fake', vcpus=4,
                               memory_mb=4096, local_gb=40)
    node.create()
    return node


def _in_cell(uuid):
    ctx = nl_context.get_admin_context()
    cell = objects.CellMapping.get_by_uuid(ctx, uuid)
    return nl_context.target_cell(ctx, cell)


def _host_mappings():
    ctx = nl_context.get_admin_context()
    return sorted((m.host, m.cell_mapping.name)
                  for m in objects.HostMappingList.get_all(ctx))


def test_discover_hosts_maps_unmapped_nodes_once(synced):
    uuid = synced.create_cell('cell1')
    with _in_cell(uuid) as cctx:
        _node(cctx, 'cmp1', 'cmp1-a')
        _node(cctx, 'cmp1', 'cmp1-b')
        _node(cctx, 'cmp2', 'cmp2')
    out = synced.ok('cell_v2', 'discover_hosts', '--verbose')
    assert 'Checking host mapping for compute host in cell cell1: %s' % uuid \
        in out
    assert out.count('Creating host mapping for compute host') == 2
    assert _host_mappings() == [('cmp1', 'cell1'), ('cmp2', 'cell1')]
    with _in_cell(uuid) as cctx:
        assert len(objects.ComputeNodeList.get_unmapped(cctx)) == 0
        assert {n.mapped for n in objects.ComputeNodeList.get_all(cctx)} == \
            {1}

    again = synced.ok('cell_v2', 'discover_hosts', '--verbose')
    assert 'Creating host mapping' not in again
    assert _host_mappings() == [('cmp1', 'cell1'), ('cmp2', 'cell1')]

    with _in_cell(uuid) as cctx:
        _node(cctx, 'cmp3', 'cmp3')
        _node(cctx, 'cmp1', 'cmp1-c')  # a new node of a mapped host
    third = synced.ok('cell_v2', 'discover_hosts', '--verbose')
    assert third.count('Creating host mapping for compute host') == 1
    assert 'cmp3' in third
    assert _host_mappings() == [('cmp1', 'cell1'), ('cmp2', 'cell1'),
                                ('cmp3', 'cell1')]
    with _in_cell(uuid) as cctx:
        assert len(objects.ComputeNodeList.get_unmapped(cctx)) == 0


def test_discover_hosts_skips_cell0(synced):
    with _in_cell(cell_mapping.CELL0_UUID) as cctx:
        _node(cctx, 'lost', 'lost')
    synced.ok('cell_v2', 'discover_hosts')
    assert _host_mappings() == []


def test_discover_hosts_by_service(synced):
    uuid = synced.create_cell('cell1')
    with _in_cell(uuid) as cctx:
        for host, binary in (('cmp1', 'nova-like-compute'),
                             ('ctl', 'nova-like-conductor')):
            objects.Service(cctx, host=host, binary=binary).create()
    synced.ok('cell_v2', 'discover_hosts', '--by-service')
    assert _host_mappings() == [('cmp1', 'cell1')]


def test_discover_hosts_in_an_unknown_cell(synced):
    code, _out, err = synced.manage(
        'cell_v2', 'discover_hosts', '--cell_uuid',
        '99999999-9999-4999-8999-999999999999')
    assert code == 1
    assert '99999999-9999-4999-8999-999999999999' in err


def test_list_hosts(synced):
    uuid = synced.create_cell('cell1')
    with _in_cell(uuid) as cctx:
        _node(cctx, 'cmp2', 'cmp2')
        _node(cctx, 'cmp1', 'cmp1')
    synced.ok('cell_v2', 'discover_hosts')
    out = synced.ok('cell_v2', 'list_hosts')
    assert _header(out) == ['Cell Name', 'Cell UUID', 'Hostname']
    assert _table(out) == [['cell1', uuid, 'cmp1'], ['cell1', uuid, 'cmp2']]


def test_list_hosts_when_there_are_none(synced):
    assert _table(synced.ok('cell_v2', 'list_hosts')) == []


def _service(cctx, host, binary, seconds_ago, forced_down=False):
    now = datetime.datetime.now(datetime.timezone.utc)
    last = (now - datetime.timedelta(seconds=seconds_ago)
            if seconds_ago is not None else None)
    svc = objects.Service(cctx, host=host, binary=binary,
                          last_seen_up=last, forced_down=forced_down)
    svc.create()
    return svc


def test_service_list_shows_up_and_down(synced):
    uuid = synced.create_cell('cell1')
    with _in_cell(uuid) as cctx:
        _service(cctx, 'ctl', 'nova-like-conductor', 5)
        _service(cctx, 'cmp1', 'nova-like-compute', 120)
        _service(cctx, 'cmp2', 'nova-like-compute', 5, forced_down=True)
        _service(cctx, 'cmp3', 'nova-like-compute', None)
    out = synced.ok('service', 'list')
    assert _header(out) == ['Id', 'Binary', 'Host', 'Cell', 'Status',
                            'State', 'Updated At', 'Forced Down']
    rows = {r[2]: r for r in _table(out)}
    assert {h: rows[h][5] for h in rows} == {
        'ctl': 'up', 'cmp1': 'down', 'cmp2': 'down', 'cmp3': 'down'}
    assert {rows[h][3] for h in rows} == {'cell1'}
    assert rows['cmp2'][7] == 'True'
    assert rows['cmp3'][6] == '-'
    assert rows['ctl'][1] == 'nova-like-conductor'


def test_service_list_honours_service_down_time(synced):
    uuid = synced.create_cell('cell1')
    with _in_cell(uuid) as cctx:
        _service(cctx, 'cmp1', 'nova-like-compute', 120)
    synced.write_config(default={'service_down_time': '300'})
    rows = _table(synced.ok('service', 'list'))
    assert [(r[2], r[5]) for r in rows] == [('cmp1', 'up')]


def test_service_list_without_cells_reads_database(deployment):
    deployment.ok('api_db', 'sync')
    deployment.ok('db', 'sync')
    ctx = nl_context.get_admin_context()
    _service(ctx, 'ctl', 'nova-like-scheduler', 1)
    rows = _table(deployment.ok('service', 'list'))
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ('nova-like-scheduler', 'ctl', '-', 'enabled', 'up')]
