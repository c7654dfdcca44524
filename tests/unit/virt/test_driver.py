# SPDX-License-Identifier: Apache-2.0
"""The virt driver interface and the loader of [DEFAULT] compute_driver."""

import pytest

from nova_like import exception
from nova_like.virt import driver
from nova_like.virt import fake


def test_load_the_fake_driver():
    loaded = driver.load_driver('fake.FakeDriver')
    assert isinstance(loaded, fake.FakeDriver)


@pytest.mark.parametrize('name', ['libvirt_nope.LibvirtDriver',
                                  'fake.NoSuchDriver', 'FakeDriver', ''])
def test_unloadable_driver_names_the_option(name):
    with pytest.raises(exception.ConfigError) as info:
        driver.load_driver(name)
    message = info.value.message
    assert message.startswith('[DEFAULT] compute_driver: cannot load driver')
    assert repr(name) in message


@pytest.mark.parametrize('method, args', [
    ('init_host', ('h',)), ('get_available_nodes', ()),
    ('get_available_resource', ('n',)), ('list_instance_uuids', ()),
    ('get_host_uptime', ()), ('get_diagnostics', (None,))])
def test_the_interface_is_abstract(method, args):
    with pytest.raises(NotImplementedError):
        getattr(driver.ComputeDriver(), method)(*args)
