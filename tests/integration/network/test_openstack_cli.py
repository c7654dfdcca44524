# SPDX-License-Identifier: Apache-2.0
"""The unmodified openstack CLI against the real nova-like-network daemon.

Behind Keystone, on PostgreSQL and RabbitMQ: network, subnet, port,
security group and rule create/list/show/delete, provider attributes for
the admin only, `quota show --network`, and the daemon's heartbeat.
"""

import pytest

from tests.integration import cloud as cloud_mod
from tests.integration.openstack_fixtures import osc
from tools import openstack_services

pytestmark = pytest.mark.integration


def _admin(keystone, *args, **kw):
    return osc(keystone, 'admin', keystone.admin_password, 'admin', *args,
               **kw)


def _demo(keystone, *args, **kw):
    return osc(keystone, 'demo', openstack_services.DEMO_PASSWORD, 'demo',
               *args, **kw)


def test_cli_network_walkthrough(network_daemon, keystone):
    net = _demo(keystone, 'network', 'create', 'cli-net')
    assert net['status'] == 'ACTIVE' and net['mtu'] == 1450
    assert net.get('provider:network_type') is None  # hidden from demo
    subnet = _demo(keystone, 'subnet', 'create', '--network', 'cli-net',
                   '--subnet-range', '10.20.0.0/26', '--no-dhcp',
                   'cli-subnet')
    assert subnet['gateway_ip'] == '10.20.0.1'
    assert subnet['allocation_pools'] == [{'start': '10.20.0.2',
                                           'end': '10.20.0.62'}]
    group = _demo(keystone, 'security', 'group', 'create', 'cli-sg')
    rule = _demo(keystone, 'security', 'group', 'rule', 'create',
                 '--protocol', 'tcp', '--dst-port', '22', 'cli-sg')
    assert rule['port_range_min'] == 22 and rule['direction'] == 'ingress'
    port = _demo(keystone, 'port', 'create', '--network', 'cli-net',
                 '--security-group', 'cli-sg', '--fixed-ip',
                 'subnet=cli-subnet,ip-address=10.20.0.10', 'cli-port')
    assert port['fixed_ips'] == [{'subnet_id': subnet['id'],
                                  'ip_address': '10.20.0.10'}]
    assert port['security_group_ids'] == [group['id']]
    assert port['status'] == 'DOWN'
    names = [p['Name'] for p in _demo(keystone, 'port', 'list')]
    assert names == ['cli-port']
    shown = _demo(keystone, 'network', 'show', 'cli-net')
    assert shown['subnets'] == [subnet['id']]
    groups = [g['Name'] for g in _demo(keystone, 'security', 'group',
                                       'list')]
    assert sorted(groups) == ['cli-sg', 'default']

    in_use = _demo(keystone, 'network', 'delete', 'cli-net', check=False,
                   json_output=False)
    assert in_use.returncode != 0

    quota = {row['Resource']: row for row in _demo(
        keystone, 'quota', 'show', '--network', '--usage')}
    assert quota['networks']['Limit'] == 100
    assert quota['networks']['In Use'] == 1
    assert quota['ports']['In Use'] == 1

    for args in (('port', 'delete', 'cli-port'),
                 ('security', 'group', 'delete', 'cli-sg'),
                 ('subnet', 'delete', 'cli-subnet'),
                 ('network', 'delete', 'cli-net')):
        _demo(keystone, *args, json_output=False)
    assert _demo(keystone, 'network', 'list') == []


def test_cli_admin_provider_network(network_daemon, keystone):
    public = _admin(keystone, 'network', 'create', '--external',
                    '--provider-network-type', 'flat',
                    '--provider-physical-network', 'public', 'cli-public')
    try:
        assert public['provider:network_type'] == 'flat'
        assert public['router:external'] is True
        assert public['mtu'] == 1500
        # The demo project sees an external network, not its provider.
        seen = _demo(keystone, 'network', 'show', 'cli-public')
        assert seen.get('provider:physical_network') is None
    finally:
        _admin(keystone, 'network', 'delete', 'cli-public',
               json_output=False)


def test_daemon_heartbeats_in_the_services_table(network_daemon):
    first = cloud_mod.wait_for(network_daemon.heartbeats, 10,
                               'a services row of nova-like-network')
    assert first[0] == 'network'
    cloud_mod.wait_for(lambda: network_daemon.heartbeats()[1] != first[1],
                       10, 'a second heartbeat')
