# SPDX-License-Identifier: Apache-2.0
"""nova-like-manage: databases, cells, hosts and services.

Create and upgrade databases, map cells and hosts, list services.
"""

import argparse
import os
import re
import sys

from oslo_config import cfg
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova_like import conf
from nova_like import context as nl_context
from nova_like.db import migration
from nova_like import exception
from nova_like.network.db import migration as network_migration
from nova_like import objects
from nova_like.objects import service as service_obj
from nova_like.placement.db import migration as placement_migration
from nova_like import rpc
from nova_like.volume.db import migration as volume_migration

CONF = conf.CONF


def _print_table(headers, rows):
    widths = [max(len(str(x)) for x in column)
              for column in zip(headers, *rows)] if rows else \
        [len(h) for h in headers]
    line = '+' + '+'.join('-' * (w + 2) for w in widths) + '+'
    print(line)
    print('| ' + ' | '.join(h.ljust(w) for h, w in zip(headers, widths)) +
          ' |')
    print(line)
    for row in rows:
        print('| ' + ' | '.join(str(c).ljust(w) for c, w in
                                zip(row, widths)) + ' |')
    print(line)


def _require(group):
    url = getattr(CONF, group).connection
    if not url:
        raise exception.ConfigError(option='[%s] connection' % group,
                                    reason='is not set')
    return url


def _mask(url):
    """url with every password replaced by ****, clustered URLs included."""
    if not url or '://' not in url:
        return url
    scheme, _, rest = url.partition('://')
    hosts = [re.sub(r'^([^:@/]*):[^@]*@', r'\1:****@', h)
             for h in rest.split(',')]
    return scheme + '://' + ','.join(hosts)


def _configured(name):
    """[DEFAULT] name, or None when only its default is there."""
    location = CONF.get_location(name)
    if location is None or location.location == cfg.Locations.opt_default:
        return None
    return getattr(CONF, name)


# api_db / db / placement_db

def api_db_sync(args):
    migration.upgrade('api', _require('api_database'), args.version or 'head')
    return 0


def api_db_version(args):
    print(migration.current('api', _require('api_database')))
    return 0


def db_sync(args):
    """Upgrade [database] and, when mapped, cell0's database too."""
    migration.upgrade('main', _require('database'), args.version or 'head')
    if CONF.api_database.connection:
        cell0 = _cell0_mapping()
        if cell0 is not None:
            migration.upgrade('main', cell0.database_connection,
                              args.version or 'head')
    return 0


def db_version(args):
    print(migration.current('main', _require('database')))
    return 0


def placement_db_sync(args):
    placement_migration.upgrade(_require('placement_database'))
    return 0


def network_db_sync(args):
    network_migration.upgrade(_require('network_database'),
                              args.version or 'head')
    return 0


def network_db_version(args):
    print(network_migration.current(_require('network_database')))
    return 0


def volume_db_sync(args):
    volume_migration.upgrade(_require('volume_database'),
                             args.version or 'head')
    return 0


def volume_db_version(args):
    print(volume_migration.current(_require('volume_database')))
    return 0


# cell_v2

def _cell0_mapping():
    ctx = nl_context.get_admin_context()
    try:
        return objects.CellMapping.get_by_uuid(
            ctx, objects.cell_mapping.CELL0_UUID)
    except exception.CellMappingNotFound:
        return None


def _cell0_url(main_url):
    url = sa.engine.make_url(main_url)
    if url.get_backend_name() == 'sqlite':
        stem, ext = os.path.splitext(url.database or '')
        database = stem + '_cell0' + ext
        return url.set(database=database).render_as_string(
            hide_password=False)
    return url.set(database=url.database + '_cell0').render_as_string(
        hide_password=False)


def map_cell0(args):
    """Create the cell0 mapping (where servers that fail to schedule go)."""
    _require('api_database')
    if _cell0_mapping() is not None:
        print('Cell0 is already setup')
        return 0
    url = args.database_connection or _cell0_url(_require('database'))
    ctx = nl_context.get_admin_context()
    objects.CellMapping(ctx, uuid=objects.cell_mapping.CELL0_UUID,
                        name='cell0', transport_url='none:///',
                        database_connection=url).create()
    return 0


def create_cell(args):
    """Map a new cell; exit 1 when one with that DB and bus exists, 2 when
    the transport URL or database connection is missing."""
    _require('api_database')
    transport_url = args.transport_url or _configured('transport_url')
    database = args.database_connection or CONF.database.connection
    if not transport_url:
        print('Must specify --transport-url if [DEFAULT]/transport_url is '
              'not set in the configuration file.')
        return 2
    if not database:
        print('Must specify --database_connection if [database]/connection '
              'is not set in the configuration file.')
        return 2
    ctx = nl_context.get_admin_context()
    for cell in objects.CellMappingList.get_all(ctx):
        if (cell.transport_url == transport_url
                and cell.database_connection == database):
            print('The specified transport_url and/or database_connection '
                  'combination already exists for another cell with uuid '
                  '%s.' % cell.uuid)
            return 1
    cell = objects.CellMapping(ctx, uuid=uuidutils.generate_uuid(),
                               name=args.name, transport_url=transport_url,
                               database_connection=database,
                               disabled=args.disabled)
    cell.create()
    print(cell.uuid)
    return 0


def list_cells(args):
    ctx = nl_context.get_admin_context()
    cells = sorted(objects.CellMappingList.get_all(ctx),
                   key=lambda c: c.name or '')
    show = (lambda u: u) if args.verbose else _mask
    _print_table(['Name', 'UUID', 'Transport URL', 'Database Connection',
                  'Disabled'],
                 [[c.name, c.uuid, show(c.transport_url),
                   show(c.database_connection), c.disabled]
                  for c in cells])
    return 0


def _cells(ctx, cell_uuid=None):
    cells = [c for c in objects.CellMappingList.get_all(ctx)
             if not c.is_cell0]
    if cell_uuid:
        cells = [c for c in cells if c.uuid == cell_uuid]
        if not cells:
            raise exception.CellMappingNotFound(uuid=cell_uuid)
    return cells


def discover_hosts(args):
    """Map every compute host that is in a cell DB but not yet mapped."""
    ctx = nl_context.get_admin_context()
    for cell in _cells(ctx, args.cell_uuid):
        if args.verbose:
            print('Checking host mapping for compute host in cell %s: %s'
                  % (cell.name, cell.uuid))
        with nl_context.target_cell(ctx, cell) as cctx:
            if args.by_service:
                hosts = {s.host: None for s in objects.ServiceList.get_all(
                    cctx, binary=service_obj.COMPUTE_BINARY)}
            else:
                hosts = {}
                for node in objects.ComputeNodeList.get_unmapped(cctx):
                    hosts.setdefault(node.host, []).append(node)
            for host, nodes in sorted(hosts.items()):
                try:
                    objects.HostMapping.get_by_host(ctx, host)
                except exception.HostMappingNotFound:
                    objects.HostMapping(ctx, host=host,
                                        cell_mapping=cell).create()
                    if args.verbose:
                        print('Creating host mapping for compute host '
                              '%s' % host)
                for node in nodes or ():
                    node.mapped = 1
                    node.save()
    return 0


def list_hosts(args):
    ctx = nl_context.get_admin_context()
    cells = {c.id: c for c in objects.CellMappingList.get_all(ctx)}
    rows = [[cells[m.cell_mapping.id].name, m.cell_mapping.uuid, m.host]
            for m in objects.HostMappingList.get_all(ctx)]
    _print_table(['Cell Name', 'Cell UUID', 'Hostname'], sorted(rows))
    return 0


# service

def service_list(args):
    """Every service of every cell, with up/down from its last heartbeat."""
    ctx = nl_context.get_admin_context()
    cells = []
    if CONF.api_database.connection:
        cells = _cells(ctx)
    rows = []
    for cell in cells or [None]:
        with nl_context.target_cell(ctx, cell) as cctx:
            for svc in objects.ServiceList.get_all(cctx):
                up = svc.is_up(CONF.service_down_time)
                rows.append([svc.id, svc.binary, svc.host,
                             cell.name if cell else '-',
                             'disabled' if svc.disabled else 'enabled',
                             'up' if up else 'down',
                             svc.last_seen_up.strftime('%Y-%m-%dT%H:%M:%S')
                             if svc.last_seen_up else '-',
                             svc.forced_down])
    _print_table(['Id', 'Binary', 'Host', 'Cell', 'Status', 'State',
                  'Updated At', 'Forced Down'], rows)
    return 0


def _parser():
    parser = argparse.ArgumentParser(prog='nova-like-manage')
    parser.add_argument('--config-file', action='append', default=[])
    parser.add_argument('--config-dir', action='append', default=[])
    categories = parser.add_subparsers(dest='category', required=True)

    def command(category, name, func, help_text):
        sub = category.add_parser(name, help=help_text)
        sub.set_defaults(func=func)
        return sub

    for name, sync, version, what in (
            ('api_db', api_db_sync, api_db_version, 'the API database'),
            ('db', db_sync, db_version, 'the cell database (and cell0)')):
        cat = categories.add_parser(name, help=what).add_subparsers(
            dest='command', required=True)
        command(cat, 'sync', sync, 'upgrade %s' % what).add_argument(
            'version', nargs='?')
        command(cat, 'version', version, 'print the revision of %s' % what)
    cat = categories.add_parser('placement_db', help='the Placement DB'
                                ).add_subparsers(dest='command', required=True)
    command(cat, 'sync', placement_db_sync, 'upgrade the Placement database')
    cat = categories.add_parser('network_db', help='the network database'
                                ).add_subparsers(dest='command', required=True)
    command(cat, 'sync', network_db_sync,
            'upgrade the network database').add_argument('version',
                                                         nargs='?')
    command(cat, 'version', network_db_version,
            'print the revision of the network database')
    cat = categories.add_parser('volume_db', help='the volume database'
                                ).add_subparsers(dest='command', required=True)
    command(cat, 'sync', volume_db_sync,
            'upgrade the volume database').add_argument('version', nargs='?')
    command(cat, 'version', volume_db_version,
            'print the revision of the volume database')

    cat = categories.add_parser('cell_v2', help='cells v2').add_subparsers(
        dest='command', required=True)
    sub = command(cat, 'map_cell0', map_cell0, 'create the cell0 mapping')
    sub.add_argument('--database_connection')
    sub = command(cat, 'create_cell', create_cell, 'map a new cell')
    sub.add_argument('--name')
    sub.add_argument('--transport-url', dest='transport_url')
    sub.add_argument('--database_connection')
    sub.add_argument('--disabled', action='store_true')
    sub = command(cat, 'list_cells', list_cells, 'list cell mappings')
    sub.add_argument('--verbose', action='store_true')
    sub = command(cat, 'discover_hosts', discover_hosts,
                  'map unmapped compute hosts to their cells')
    sub.add_argument('--cell_uuid')
    sub.add_argument('--verbose', action='store_true')
    sub.add_argument('--by-service', dest='by_service', action='store_true')
    command(cat, 'list_hosts', list_hosts, 'list host mappings')

    cat = categories.add_parser('service', help='services').add_subparsers(
        dest='command', required=True)
    command(cat, 'list', service_list, 'list services and whether they are '
            'up')
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    conf_args = []
    for path in args.config_file:
        conf_args += ['--config-file', path]
    for path in args.config_dir:
        conf_args += ['--config-dir', path]
    rpc.register_opts()
    try:
        CONF(conf_args, project='nova_like', prog='nova-like-manage')
    except cfg.Error as exc:
        sys.stderr.write('nova-like-manage: %s\n' % str(exc).splitlines()[0])
        return 1
    objects.register_all()
    try:
        return args.func(args)
    except exception.NovaLikeException as exc:
        sys.stderr.write('nova-like-manage: %s\n' % exc.message)
        return 1
    except sa.exc.OperationalError as exc:
        sys.stderr.write('nova-like-manage: database error: %s\n'
                         % str(exc.orig).splitlines()[0])
        return 1


if __name__ == '__main__':
    sys.exit(main())
