# SPDX-License-Identifier: Apache-2.0
"""FakeDriver: one node named after its host, with [fake_driver] capacity."""

import json

from nova_like.virt import driver
from nova_like.virt import fake


def _driver(host='cmp1'):
    fake_driver = fake.FakeDriver()
    fake_driver.init_host(host)
    return fake_driver


def test_is_a_compute_driver_named_fake():
    assert isinstance(fake.FakeDriver(), driver.ComputeDriver)
    assert fake.FakeDriver.name == 'fake'


def test_one_node_named_after_the_host():
    assert _driver('cmp7').get_available_nodes() == ['cmp7']


def test_capacity_comes_from_the_fake_driver_options(conf):
    conf.set_override('vcpus', 64, group='fake_driver')
    conf.set_override('memory_mb', 262144, group='fake_driver')
    conf.set_override('disk_gb', 2000, group='fake_driver')
    resources = _driver().get_available_resource('cmp1')
    assert (resources['vcpus'], resources['memory_mb'],
            resources['local_gb']) == (64, 262144, 2000)


def test_resources_of_an_empty_host():
    resources = _driver().get_available_resource('cmp1')
    assert (resources['vcpus'], resources['memory_mb'],
            resources['local_gb']) == (16, 32768, 1024)
    assert (resources['vcpus_used'], resources['memory_mb_used'],
            resources['local_gb_used']) == (0, 0, 0)
    assert (resources['hypervisor_type'], resources['hypervisor_version'],
            resources['hypervisor_hostname']) == ('fake', 1000, 'cmp1')
    assert json.loads(resources['cpu_info'])['arch'] == 'x86_64'


def test_resources_carry_every_key_the_interface_promises():
    promised = {'vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
                'memory_mb_used', 'local_gb_used', 'hypervisor_type',
                'hypervisor_version', 'hypervisor_hostname', 'cpu_info'}
    assert set(_driver().get_available_resource('cmp1')) == promised


def test_no_guests_at_start():
    assert _driver().list_instance_uuids() == []


def test_each_driver_has_its_own_guests():
    assert _driver('a').list_instance_uuids() is not \
        _driver('b').list_instance_uuids()


def test_uptime_counts_from_the_drivers_start_like_the_uptime_command(
        monkeypatch):
    import re
    import time
    fake_driver = _driver()
    start = time.monotonic()
    monkeypatch.setattr(time, 'monotonic', lambda: start + 2 * 3600 + 125)
    text = fake_driver.get_host_uptime()
    assert re.fullmatch(r' \d\d:\d\d:\d\d up 2:02,  0 users,  '
                        r'load average: 0\.00, 0\.00, 0\.00\n', text), text
