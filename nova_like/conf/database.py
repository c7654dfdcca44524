# SPDX-License-Identifier: Apache-2.0
"""[database] (the cell DB) and [api_database] options."""

from oslo_config import cfg

database_group = cfg.OptGroup(
    'database', title='Cell database',
    help='The cell database of this service: instances, services, compute '
         'nodes. nova-like-compute must not set it: compute reaches the '
         'database only through the conductor.')

api_database_group = cfg.OptGroup(
    'api_database', title='API database',
    help='The API database: flavors, keypairs, quotas, build requests, '
         'request specs and the cell/host/instance mappings.')


def pool_opts():
    """Connection pool, connect retry and lock retry options of a database
    group (also [placement_database])."""
    return [
        cfg.IntOpt('max_pool_size', default=5, min=1,
                   help='Connections kept open per process (server '
                        'databases).'),
        cfg.IntOpt('max_overflow', default=5, min=0,
                   help='Connections allowed beyond max_pool_size; a '
                        'thread that needs one more waits for a free '
                        'one.'),
        cfg.IntOpt('connect_retry_seconds', default=10, min=0,
                   help='For how long opening a connection is retried '
                        'while the server refuses it for a passing reason '
                        '(too many clients, starting up, not listening '
                        'yet) before the request fails.'),
        cfg.IntOpt('sqlite_busy_timeout', default=30000, min=0,
                   help='Milliseconds a SQLite writer waits for the lock '
                        'held by another writer before giving up.'),
        cfg.IntOpt('max_retries', default=10, min=0,
                   help='Times a transaction that lost a deadlock or a '
                        'SQLite lock is retried.'),
    ]


def _db_opts():
    return [
        cfg.StrOpt('connection', secret=True,
                   help='SQLAlchemy URL of the database, e.g. '
                        'sqlite:////var/lib/nova_like/nova.sqlite, '
                        'mysql+pymysql://user:pass@127.0.0.1/nova or '
                        'postgresql+psycopg2://user@127.0.0.1/nova.'),
        cfg.BoolOpt('connection_debug', default=False,
                    help='Log every SQL statement.'),
    ] + pool_opts()


database_opts = _db_opts()
api_database_opts = _db_opts()


def register_opts(conf):
    conf.register_group(database_group)
    conf.register_opts(database_opts, group=database_group)
    conf.register_group(api_database_group)
    conf.register_opts(api_database_opts, group=api_database_group)


def list_opts():
    return {database_group.name: database_opts,
            api_database_group.name: api_database_opts}
