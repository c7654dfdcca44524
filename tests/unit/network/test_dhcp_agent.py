# SPDX-License-Identifier: Apache-2.0
"""The DHCP seam: sync or disable per network, never the caller's error."""

import types

import pytest

from nova_like.network import dhcp_agent
from nova_like.network.db import models


class Driver:
    def __init__(self, fail=False):
        self.calls = []
        self.fail = fail

    def sync(self, network):
        if self.fail:
            raise RuntimeError('dnsmasq would not start')
        self.calls.append(('sync', network['id']))

    def disable(self, network_id):
        self.calls.append(('disable', network_id))


@pytest.fixture
def conf():
    return types.SimpleNamespace(network=types.SimpleNamespace(
        local_ip='192.0.2.1'))


def _network_with_dhcp(db):
    with db.writer() as session:
        session.add(models.Network(id='n1', project_id='p', mtu=1450,
                                   network_type='vxlan', segmentation_id=1))
        session.add(models.Subnet(
            id='s1', network_id='n1', project_id='p', cidr='10.0.0.0/24',
            gateway_ip='10.0.0.1', enable_dhcp=True,
            allocation_pools=[{'start': '10.0.0.2', 'end': '10.0.0.254'}],
            dns_nameservers=[], host_routes=[]))
        session.add(models.Port(id='d1', network_id='n1', project_id='p',
                                mac_address='fa:16:3e:00:00:01',
                                device_owner='network:dhcp'))
        session.add(models.IPAllocation(network_id='n1', subnet_id='s1',
                                        port_id='d1', ip_address='10.0.0.2'))


def test_network_with_a_dhcp_port_is_synced_else_disabled(db, conf):
    driver = Driver()
    agent = dhcp_agent.DhcpAgent(conf, db, driver)
    _network_with_dhcp(db)
    agent.network_changed('n1')
    agent.network_changed('gone')
    assert driver.calls == []  # in the background, soon
    agent.background.flush()
    assert driver.calls == [('sync', 'n1'), ('disable', 'gone')]


def test_resync_syncs_every_dhcp_network(db, conf):
    driver = Driver()
    _network_with_dhcp(db)
    assert dhcp_agent.DhcpAgent(conf, db, driver).resync() == ['n1']
    assert driver.calls == [('sync', 'n1')]


def test_a_failing_driver_is_logged_not_raised(db, conf, caplog):
    _network_with_dhcp(db)
    agent = dhcp_agent.DhcpAgent(conf, db, Driver(fail=True))
    agent.network_changed('n1')
    agent.background.flush()
    assert 'dnsmasq would not start' in caplog.text


def test_resync_disables_what_the_driver_serves_without_dhcp(db, conf):
    driver = Driver()
    driver.active_networks = lambda: ['n1', 'stale']
    _network_with_dhcp(db)
    dhcp_agent.DhcpAgent(conf, db, driver).resync()
    assert driver.calls == [('sync', 'n1'), ('disable', 'stale')]


def test_a_network_the_driver_does_not_serve_is_not_disabled(db, conf):
    driver = Driver()
    driver.active_networks = lambda: ['other']
    agent = dhcp_agent.DhcpAgent(conf, db, driver)
    agent.network_changed('n9')
    agent.background.flush()
    assert driver.calls == []
