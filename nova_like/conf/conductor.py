# SPDX-License-Identifier: Apache-2.0
"""[conductor] options."""

from oslo_config import cfg

conductor_group = cfg.OptGroup('conductor', title='Conductor options')

conductor_opts = [
    cfg.IntOpt('executor_threads', default=64, min=1,
               help='Threads that serve RPC requests in nova-like-conductor; '
                    'every compute object call takes one while it runs.'),
]


def register_opts(conf):
    conf.register_group(conductor_group)
    conf.register_opts(conductor_opts, group=conductor_group)


def list_opts():
    return {conductor_group.name: conductor_opts}
