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
    cfg.IntOpt('max_placement_results', default=1000, min=1,
               help='Largest number of allocation candidates asked of '
                    'Placement per request.'),
]

filter_group = cfg.OptGroup('filter_scheduler',
                            title='Filters and weighers of the scheduler')

filter_opts = [
    cfg.ListOpt('enabled_filters',
                default=['ComputeFilter', 'AvailabilityZoneFilter',
                         'ImagePropertiesFilter',
                         'AggregateInstanceExtraSpecsFilter',
                         'SameHostFilter', 'DifferentHostFilter',
                         'ServerGroupAffinityFilter',
                         'ServerGroupAntiAffinityFilter'],
                help='Filters every candidate host must pass, in order.'),
    cfg.FloatOpt('soft_affinity_weight_multiplier', default=1.0, min=0.0,
                 help='Weight of each server of a soft-affinity group '
                      'already on a host.'),
    cfg.FloatOpt('soft_anti_affinity_weight_multiplier', default=1.0,
                 min=0.0,
                 help='Weight against each server of a soft-anti-affinity '
                      'group already on a host.'),
    cfg.FloatOpt('ram_weight_multiplier', default=1.0,
                 help='Weight of free RAM; positive spreads servers, '
                      'negative stacks them.'),
    cfg.FloatOpt('cpu_weight_multiplier', default=1.0,
                 help='Weight of free vCPUs; positive spreads.'),
    cfg.FloatOpt('disk_weight_multiplier', default=1.0,
                 help='Weight of free disk; positive spreads.'),
    cfg.IntOpt('host_subset_size', default=1, min=1,
               help='Choose randomly among this many best-weighed hosts, '
                    'to lower collisions between schedulers.'),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)
    conf.register_group(filter_group)
    conf.register_opts(filter_opts, group=filter_group)


def list_opts():
    return {scheduler_group.name: scheduler_opts,
            filter_group.name: filter_opts}
