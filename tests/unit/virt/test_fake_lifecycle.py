# SPDX-License-Identifier: Apache-2.0
"""FakeDriver lifecycle.

Power states that move only as a guest can, the console log, injected
failures, events.
"""

import types

import pytest

from nova_like import exception
from nova_like.virt import fake
from nova_like.virt import power_state

UUID = 'c0ffee00-0000-4000-8000-000000000001'


def _guest():
    driver = fake.FakeDriver()
    driver.init_host('cmp1')
    instance = types.SimpleNamespace(
        uuid=UUID, hostname='web-1',
        flavor=types.SimpleNamespace(vcpus=1, memory_mb=512, root_gb=1,
                                     ephemeral_gb=0))
    driver.spawn(None, instance, {'id': 'image'})
    return driver, instance


def _state(driver, instance):
    return driver.get_info(instance)['power_state']


def test_each_call_reaches_its_power_state():
    driver, instance = _guest()
    steps = [(driver.pause, (instance,), power_state.PAUSED),
             (driver.unpause, (instance,), power_state.RUNNING),
             (driver.suspend, (None, instance), power_state.SUSPENDED),
             (driver.resume, (None, instance), power_state.RUNNING),
             (driver.power_off, (instance,), power_state.SHUTDOWN),
             (driver.power_on, (None, instance), power_state.RUNNING),
             (driver.reboot, (None, instance, 'SOFT'), power_state.RUNNING)]
    for call, args, state in steps:
        call(*args)
        assert _state(driver, instance) == state, call.__name__


@pytest.mark.parametrize('call', ['unpause', 'resume', 'power_on'])
def test_impossible_transitions_are_refused(call):
    driver, instance = _guest()
    args = (instance,) if call == 'unpause' else (None, instance)
    with pytest.raises(exception.HypervisorError) as info:
        getattr(driver, call)(*args)
    assert 'it is running' in info.value.message
    assert _state(driver, instance) == power_state.RUNNING


def test_soft_reboot_needs_a_running_guest_hard_does_not():
    driver, instance = _guest()
    driver.power_off(instance)
    with pytest.raises(exception.HypervisorError):
        driver.reboot(None, instance, 'SOFT')
    driver.reboot(None, instance, 'HARD')
    assert _state(driver, instance) == power_state.RUNNING


def test_console_grows_with_boots_and_shutdowns_and_names_the_host():
    driver, instance = _guest()
    driver.power_off(instance)
    driver.power_on(None, instance)
    assert driver.get_console_output(None, instance).splitlines() == [
        'Booting web-1 (fake kernel)', 'web-1 login:',
        'web-1: reached target Power-Off',
        'Booting web-1 (fake kernel)', 'web-1 login:']


def test_unknown_guest_is_instance_not_found():
    driver, _instance = _guest()
    other = types.SimpleNamespace(uuid='other')
    with pytest.raises(exception.InstanceNotFound):
        driver.pause(other)
    with pytest.raises(exception.InstanceNotFound):
        driver.get_console_output(None, other)


def test_fail_actions_injects_a_hypervisor_error(conf):
    conf.set_override('fail_actions', ['reboot', 'get_console_output'],
                      group='fake_driver')
    driver, instance = _guest()
    with pytest.raises(exception.HypervisorError) as info:
        driver.reboot(None, instance, 'HARD')
    assert 'injected fault' in info.value.message
    with pytest.raises(exception.HypervisorError):
        driver.get_console_output(None, instance)
    driver.pause(instance)


def test_a_guest_stopping_behind_our_back_emits_an_event():
    driver, instance = _guest()
    events = []
    driver.register_event_listener(lambda *event: events.append(event))
    driver.stop_behind_our_back(UUID)
    assert events == [(UUID, power_state.SHUTDOWN)]
    assert _state(driver, instance) == power_state.SHUTDOWN
    assert 'Power-Off' in driver.get_console_output(None, instance)
