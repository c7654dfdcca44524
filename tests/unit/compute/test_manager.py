# SPDX-License-Identifier: Apache-2.0
"""ComputeManager: init_host records the node; ping names host and driver."""

import pytest

from nova_like.compute import manager
from nova_like import exception
from nova_like import objects
from nova_like.virt import fake


def test_init_host_records_the_node(dbs, admin_context):
    compute = manager.ComputeManager(host='cmp1', driver=fake.FakeDriver())
    compute.init_host(admin_context)
    node = objects.ComputeNode.get_by_host_and_nodename(admin_context,
                                                        'cmp1', 'cmp1')
    assert node.hypervisor_type == 'fake'


def test_periodic_tasks_audit_resources(dbs, admin_context, conf):
    compute = manager.ComputeManager(host='cmp1', driver=fake.FakeDriver())
    compute.init_host(admin_context)
    conf.set_override('vcpus', 3, group='fake_driver')
    compute.periodic_tasks(admin_context)
    assert objects.ComputeNode.get_by_host_and_nodename(
        admin_context, 'cmp1', 'cmp1').vcpus == 3


def test_ping(admin_context):
    compute = manager.ComputeManager(host='cmp1', driver=fake.FakeDriver())
    assert compute.ping(admin_context) == {'host': 'cmp1', 'driver': 'fake'}


def test_driver_comes_from_compute_driver(conf):
    conf.set_override('compute_driver', 'fake.FakeDriver')
    assert isinstance(manager.ComputeManager(host='h').driver,
                      fake.FakeDriver)
    conf.set_override('compute_driver', 'nope.Driver')
    with pytest.raises(exception.ConfigError):
        manager.ComputeManager(host='h')


def test_host_defaults_to_the_host_option(conf):
    conf.set_override('host', 'configured-host')
    assert manager.ComputeManager(driver=fake.FakeDriver()).host == \
        'configured-host'


class _FlakyPlacement:
    """Refuses every report until up is set, then records them."""

    def __init__(self):
        self.up = False
        self.inventories = {}

    def ensure_resource_provider(self, uuid, name):
        if not self.up:
            raise exception.PlacementUnavailable(reason='connection refused')
        return 0

    def set_inventory(self, uuid, inventory):
        self.inventories[uuid] = inventory


def test_an_unreported_host_retries_every_report_interval(
        dbs, admin_context, conf):
    conf.set_override('report_interval', 3)
    conf.set_override('periodic_interval', 60)
    placement = _FlakyPlacement()
    compute = manager.ComputeManager(host='cmp1', driver=fake.FakeDriver(),
                                     placement=placement)
    compute.init_host(admin_context)
    assert compute.periodic_interval == 3
    compute.periodic_tasks(admin_context)  # Placement still down
    assert compute.periodic_interval == 3 and not placement.inventories
    placement.up = True
    compute.periodic_tasks(admin_context)
    assert list(placement.inventories.values())[0]['VCPU']['total'] == 16
    assert compute.periodic_interval == 60
