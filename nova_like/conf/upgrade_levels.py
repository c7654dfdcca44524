# SPDX-License-Identifier: Apache-2.0
"""[upgrade_levels]: caps on the RPC versions clients send during upgrades."""

from oslo_config import cfg

upgrade_group = cfg.OptGroup(
    'upgrade_levels', title='RPC version caps',
    help='Set these while a rolling upgrade runs so that new services keep '
         'talking to old ones. Each value is a release name from '
         'nova_like.versions (e.g. 2026.2) or an explicit RPC version '
         '(e.g. 1.0). Unset means the newest version this code knows.')

upgrade_opts = [
    cfg.StrOpt('compute', help='Cap on RPC sent to nova-like-compute.'),
    cfg.StrOpt('conductor', help='Cap on RPC sent to nova-like-conductor.'),
    cfg.StrOpt('network', help='Cap on RPC sent to nova-like-network.'),
    cfg.StrOpt('scheduler', help='Cap on RPC sent to nova-like-scheduler.'),
    cfg.StrOpt('volume', help='Cap on RPC sent to nova-like-volume.'),
]


def register_opts(conf):
    conf.register_group(upgrade_group)
    conf.register_opts(upgrade_opts, group=upgrade_group)


def list_opts():
    return {upgrade_group.name: upgrade_opts}
