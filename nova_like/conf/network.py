# SPDX-License-Identifier: Apache-2.0
"""[network], [network_database] and [network_api] options."""

from oslo_config import cfg

from nova_like.conf import database

network_group = cfg.OptGroup(
    'network', title='Networking',
    help='The network model of nova-like-network and the host-side '
         'plumbing every compute host and the network host do: Linux '
         'bridges, VXLAN, dnsmasq and security group rules.')

network_opts = [
    cfg.BoolOpt('enabled', default=True,
                help='Whether nova-like-network is deployed. False: '
                     'servers boot without ports, and a boot or an '
                     'interface attach that names a network or a port is '
                     'refused (400). The compute API, the conductor and '
                     'every compute host must agree.'),
    cfg.HostAddressOpt('local_ip', default='127.0.0.1',
                       help='Address of this host that VXLAN tunnels of '
                            'other hosts reach it on (compute hosts and '
                            'the network host).'),
    cfg.StrOpt('host_netns', default='',
               help='Network namespace this compute host\'s guest '
                    'networking lives in: its bridges, VXLAN devices, '
                    'guest taps and security group rules are made there '
                    '(by ip netns exec), and local_ip is an address of '
                    'that namespace. Empty: the host\'s own namespace. '
                    'For test labs that run several compute hosts on one '
                    'machine, each with its own libvirtd inside a '
                    'namespace; the namespace must exist.'),
    cfg.ListOpt('physical_interface_mappings', default=[],
                help='physnet:interface pairs: the host interface a flat '
                     'or vlan network of that physical network is '
                     'bridged to, e.g. public:eth1. A physical network '
                     'mapped to a bridge that does not exist yet gets a '
                     'bridge of that name (the lab\'s case).'),
    cfg.ListOpt('network_vlan_ranges', default=[],
                help='physnet[:min:max] entries: physical networks flat '
                     'and vlan networks may use, and the VLAN ids project '
                     'networks are given on them.'),
    cfg.ListOpt('vni_ranges', default=['1:1000'],
                help='min:max VXLAN network identifiers given to project '
                     'networks.'),
    cfg.StrOpt('tenant_network_type', default='vxlan',
               choices=['vxlan', 'vlan', 'flat'],
               help='Type of a network a project creates without provider '
                    'attributes.'),
    cfg.IntOpt('global_physnet_mtu', default=1500, min=68,
               help='MTU of the underlying network; a VXLAN network\'s MTU '
                    'is 50 less.'),
    cfg.IntOpt('vxlan_port', default=4789, min=1, max=65535,
               help='UDP port of VXLAN tunnels.'),
    cfg.StrOpt('auto_allocate_pool', default='10.128.0.0/12',
               help='IPv4 range that subnets of networks made for '
                    'networks=auto (microversion 2.37) are carved from.'),
    cfg.IntOpt('auto_allocate_prefixlen', default=24, min=8, max=30,
               help='Prefix length of each auto-allocated subnet.'),
    cfg.StrOpt('state_path', default='/var/lib/nova_like/network',
               help='Where dnsmasq configuration, host files and leases '
                    'of each network live.'),
    cfg.IntOpt('dhcp_lease_duration', default=86400, min=120,
               help='Seconds a DHCP lease lasts.'),
    cfg.StrOpt('dnsmasq_binary', default='dnsmasq',
               help='The dnsmasq program.'),
    cfg.StrOpt('firewall_driver', default='nftables',
               choices=['nftables', 'noop'],
               help='How security group rules are enforced on each '
                    'guest\'s bridge port. noop enforces nothing.'),
]

network_database_group = cfg.OptGroup(
    'network_database', title='Network database',
    help='The database of nova-like-network: networks, segments, subnets, '
         'IP allocations, ports, security groups and quotas.')

network_database_opts = [
    cfg.StrOpt('connection', secret=True,
               help='SQLAlchemy URL of the network database.'),
] + database.pool_opts()

network_api_group = cfg.OptGroup('network_api',
                                 title='Network API server')

network_api_opts = [
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', 'keystonemiddleware auth_token'),
                        ('noauth2', ('trust the X-Auth-Token "admin"; '
                                     'tests only'))],
               help='How Networking API requests are authenticated.'),
    cfg.HostAddressOpt('listen', default='0.0.0.0',
                       help='Address nova-like-network listens on.'),
    cfg.PortOpt('port', default=9696,
                help='TCP port nova-like-network listens on.'),
    cfg.IntOpt('workers', default=1, min=1,
               help='Worker processes of the Networking API.'),
    cfg.IntOpt('threads', default=8, min=1,
               help='Threads per worker process.'),
]


def register_opts(conf):
    conf.register_group(network_group)
    conf.register_opts(network_opts, group=network_group)
    conf.register_group(network_database_group)
    conf.register_opts(network_database_opts, group=network_database_group)
    conf.register_group(network_api_group)
    conf.register_opts(network_api_opts, group=network_api_group)


def list_opts():
    return {network_group.name: network_opts,
            network_database_group.name: network_database_opts,
            network_api_group.name: network_api_opts}
