# SPDX-License-Identifier: Apache-2.0
"""[placement_database] and [placement_api] options of nova-like-placement."""

from oslo_config import cfg

from nova_like.conf import database

placement_database_group = cfg.OptGroup(
    'placement_database', title='Placement database',
    help='The database of nova-like-placement: resource providers, '
         'inventories, allocations, traits and aggregates.')

placement_database_opts = [
    cfg.StrOpt('connection', secret=True,
               help='SQLAlchemy URL of the Placement database.'),
] + database.pool_opts()

placement_api_group = cfg.OptGroup('placement_api',
                                   title='Placement API server')

placement_api_opts = [
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', 'keystonemiddleware auth_token'),
                        ('noauth2', ('trust the X-Auth-Token "admin"; '
                                     'tests only'))],
               help='How Placement API requests are authenticated.'),
    cfg.HostAddressOpt('listen', default='0.0.0.0',
                       help='Address nova-like-placement listens on.'),
    cfg.PortOpt('port', default=8778,
                help='TCP port nova-like-placement listens on.'),
    cfg.IntOpt('workers', default=2, min=1,
               help='Worker processes of nova-like-placement.'),
    cfg.IntOpt('threads', default=8, min=1,
               help='Threads per worker process.'),
    cfg.IntOpt('answer_cache_entries', default=16, min=0,
               help='GET /allocation_candidates answers each worker keeps '
                    'and serves again while nothing has been written to '
                    'the Placement database (every write through the API '
                    'invalidates them all). 0 turns this off; do so when '
                    'anything writes to the database behind the API\'s '
                    'back.'),
]


def register_opts(conf):
    conf.register_group(placement_database_group)
    conf.register_opts(placement_database_opts,
                       group=placement_database_group)
    conf.register_group(placement_api_group)
    conf.register_opts(placement_api_opts, group=placement_api_group)


def list_opts():
    return {placement_database_group.name: placement_database_opts,
            placement_api_group.name: placement_api_opts}
