# SPDX-License-Identifier: Apache-2.0
"""[DEFAULT] options: host identity, heartbeats and the virt driver."""

import socket

from oslo_config import cfg
from oslo_utils import netutils

opts = [
    cfg.StrOpt('host', default=socket.gethostname(),
               sample_default='<current_hostname>',
               help='Name of this node. Compute hosts are addressed by it on '
                    'the message bus (topic compute.<host>), so it must be '
                    'unique per compute daemon and stable across restarts.'),
    cfg.StrOpt('my_ip', default=netutils.get_my_ipv4(),
               sample_default='<host_ipv4>',
               help='IP address of this host, reported as its hypervisor\'s '
                    'host_ip (the source address of the default route, '
                    'found without sending anything; 127.0.0.1 without '
                    'one).'),
    cfg.IntOpt('report_interval', default=10, min=1,
               help='Seconds between two heartbeats of a service to the '
                    'services table.'),
    cfg.IntOpt('service_down_time', default=60, min=1,
               help='Seconds without a heartbeat after which a service is '
                    'reported down. Should be several report_interval.'),
    cfg.IntOpt('periodic_interval', default=60, min=1,
               help='Seconds between two runs of a service\'s periodic '
                    'tasks (resource audit, reconciliation).'),
    cfg.StrOpt('state_path', default='/var/lib/nova_like',
               help='Top-level directory for nova_like\'s local state.'),
    cfg.StrOpt('compute_driver', default='fake.FakeDriver',
               help='Virt driver the compute daemon drives, as '
                    '<module under nova_like.virt>.<class>: '
                    'fake.FakeDriver or libvirt.LibvirtDriver.'),
    cfg.FloatOpt('cpu_allocation_ratio', default=4.0, min=0.0,
                 help='Virtual CPUs per physical CPU that Placement may '
                      'allocate on each compute host.'),
    cfg.FloatOpt('ram_allocation_ratio', default=1.0, min=0.0,
                 help='Virtual RAM per physical RAM that Placement may '
                      'allocate on each compute host.'),
    cfg.FloatOpt('disk_allocation_ratio', default=1.0, min=0.0,
                 help='Virtual disk per physical disk that Placement may '
                      'allocate on each compute host.'),
    cfg.IntOpt('reserved_host_cpus', default=0, min=0,
               help='Host CPUs kept back from guests (Placement reserved).'),
    cfg.IntOpt('reserved_host_memory_mb', default=512, min=0,
               help='Host memory in MiB kept back from guests.'),
    cfg.IntOpt('reserved_host_disk_mb', default=0, min=0,
               help='Host disk in MiB kept back from guests.'),
    cfg.StrOpt('default_availability_zone', default='nova',
               help='Availability zone of compute hosts that no aggregate '
                    'puts in another zone.'),
    cfg.StrOpt('internal_service_availability_zone', default='internal',
               help='Availability zone shown for services other than '
                    'nova-like-compute (os-services, os-availability-zone '
                    'detail).'),
    cfg.IntOpt('rpc_startup_timeout', default=10, min=1,
               help='Seconds a daemon waits at start for the message broker '
                    'and its database before it exits with an error naming '
                    'the option.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
