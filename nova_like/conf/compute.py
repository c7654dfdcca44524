# SPDX-License-Identifier: Apache-2.0
"""[compute] and [fake_driver] options of nova-like-compute."""

from oslo_config import cfg

compute_group = cfg.OptGroup('compute', title='Compute daemon options')

compute_opts = [
    cfg.IntOpt('executor_threads', default=16, min=1,
               help='Threads that serve RPC requests in nova-like-compute.'),
    cfg.IntOpt('shutdown_timeout', default=60, min=0,
               help='Seconds a stop waits for the guest to shut down '
                    '(ACPI) before its power is cut.'),
    cfg.IntOpt('console_output_timeout', default=10, min=1,
               help='Seconds nova-like-api waits for a compute host to '
                    'answer a console output or uptime request before it '
                    'answers an error naming the host.'),
    cfg.BoolOpt('sync_power_state', default=True,
                help='Compare every guest\'s power state with the '
                     'database each [DEFAULT] periodic_interval and on '
                     'every hypervisor event; a guest that stopped by '
                     'itself is shown SHUTOFF.'),
]

fake_group = cfg.OptGroup(
    'fake_driver', title='Fake virt driver',
    help='The fake driver behaves like a hypervisor with this capacity; '
         'for tests and scale simulation.')

fake_opts = [
    cfg.IntOpt('vcpus', default=16, min=1,
               help='Physical CPUs the fake host reports.'),
    cfg.IntOpt('memory_mb', default=32768, min=1,
               help='Memory in MiB the fake host reports.'),
    cfg.IntOpt('disk_gb', default=1024, min=1,
               help='Local disk in GiB the fake host reports.'),
    cfg.FloatOpt('spawn_delay', default=0.0, min=0.0,
                 help='Seconds a spawn takes, to simulate a slow '
                      'hypervisor.'),
    cfg.ListOpt('fail_spawn_hosts', default=[],
                help='Hosts on which every spawn fails (fault injection for '
                     'reschedule and error paths).'),
    cfg.ListOpt('fail_destroy_hosts', default=[],
                help='Hosts on which every guest destroy fails.'),
    cfg.ListOpt('fail_actions', default=[],
                help='Lifecycle calls that fail on this host (fault '
                     'injection): any of reboot, power_off, power_on, '
                     'pause, unpause, suspend, resume, '
                     'get_console_output.'),
]


def register_opts(conf):
    conf.register_group(compute_group)
    conf.register_opts(compute_opts, group=compute_group)
    conf.register_group(fake_group)
    conf.register_opts(fake_opts, group=fake_group)


def list_opts():
    return {compute_group.name: compute_opts, fake_group.name: fake_opts}
