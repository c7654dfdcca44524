# SPDX-License-Identifier: Apache-2.0
"""[quota] options: the default limit of every project, and the recheck."""

from oslo_config import cfg

quota_group = cfg.OptGroup('quota', title='Quota options',
                           help='Limits a project has until an admin sets '
                                'its own with PUT /os-quota-sets/{project}. '
                                '-1 means unlimited.')

quota_opts = [
    cfg.IntOpt('instances', default=10, min=-1,
               help='Servers per project.'),
    cfg.IntOpt('cores', default=20, min=-1,
               help='vCPUs of all servers of a project.'),
    cfg.IntOpt('ram', default=50 * 1024, min=-1,
               help='MiB of RAM of all servers of a project.'),
    cfg.IntOpt('metadata_items', default=128, min=-1,
               help='Metadata items per server.'),
    cfg.IntOpt('key_pairs', default=100, min=-1,
               help='Key pairs per user.'),
    cfg.IntOpt('server_groups', default=10, min=-1,
               help='Server groups per project.'),
    cfg.IntOpt('server_group_members', default=10, min=-1,
               help='Servers per server group.'),
    cfg.BoolOpt('recheck_quota', default=True,
                help='Count again after a server is written and undo it '
                     'if a concurrent request took the project over its '
                     'limit. Without it, racing requests can exceed a '
                     'limit.'),
]


def register_opts(conf):
    conf.register_group(quota_group)
    conf.register_opts(quota_opts, group=quota_group)


def list_opts():
    return {quota_group.name: quota_opts}
