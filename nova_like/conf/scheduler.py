# SPDX-License-Identifier: Apache-2.0
"""[scheduler] options."""

from oslo_config import cfg

scheduler_group = cfg.OptGroup('scheduler', title='Scheduler options')

scheduler_opts = [
    cfg.IntOpt('max_attempts', default=3, min=1,
               help='Hosts tried for one server: the chosen host plus '
                    'max_attempts - 1 alternates for reschedules.'),
    cfg.IntOpt('executor_threads', default=16, min=1,
               help='Threads that serve RPC requests in nova-like-scheduler.'),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)


def list_opts():
    return {scheduler_group.name: scheduler_opts}
