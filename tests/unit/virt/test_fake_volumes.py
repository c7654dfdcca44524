# SPDX-License-Identifier: Apache-2.0
"""The fake driver's volumes: device names, attach limits and refusals."""

import types

import pytest

from nova_like import exception
from nova_like.virt import fake


def _info(kind='local'):
    return {'driver_volume_type': kind,
            'data': {'device_path': '/tmp/v', 'volume_id': 'vol-1'}}


@pytest.fixture
def driver():
    running = fake.FakeDriver()
    running.init_host('cmp1')
    running._guests['i-1'] = {'vifs': {}, 'power_state': 1}
    return running


INSTANCE = types.SimpleNamespace(uuid='i-1', ephemeral_gb=0)


def test_device_names_skip_the_guests_own_disks(driver):
    assert driver.get_device_name_for_instance(INSTANCE, set()) == \
        '/dev/vdb'
    assert driver.get_device_name_for_instance(
        INSTANCE, {'/dev/vdb', '/dev/vdc'}) == '/dev/vdd'
    with_eph = types.SimpleNamespace(uuid='i-1', ephemeral_gb=1)
    assert driver.get_device_name_for_instance(with_eph, set()) == \
        '/dev/vdc'
    full = {'/dev/vd' + c for c in 'bcdefghijklmnopqrstuvwxyz'}
    with pytest.raises(exception.HypervisorError):
        driver.get_device_name_for_instance(INSTANCE, full)


def test_attach_records_detach_forgets(driver):
    driver.attach_volume(INSTANCE, _info(), '/dev/vdb')
    assert driver.guest('i-1')['volumes']['/dev/vdb']['volume_id'] == \
        'vol-1'
    driver.detach_volume(INSTANCE, _info(), '/dev/vdb')
    driver.detach_volume(INSTANCE, _info(), '/dev/vdb')  # idempotent
    assert driver.guest('i-1')['volumes'] == {}


def test_attach_refusals_as_a_hypervisor(driver):
    with pytest.raises(exception.HypervisorError, match='rbd'):
        driver.attach_volume(INSTANCE, _info('rbd'), '/dev/vdb')
    driver.attach_volume(INSTANCE, _info(), '/dev/vdb')
    with pytest.raises(exception.HypervisorError, match='already has'):
        driver.attach_volume(INSTANCE, _info(), '/dev/vdb')
    for letter in 'cdefghijklmnopqrstuvwxyz':
        driver.attach_volume(INSTANCE, _info(), '/dev/vd' + letter)
    with pytest.raises(exception.HypervisorError, match='the most'):
        driver.attach_volume(INSTANCE, _info(), '/dev/vdz1')
    gone = types.SimpleNamespace(uuid='i-2')
    with pytest.raises(exception.HypervisorError, match='does not exist'):
        driver.attach_volume(gone, _info(), '/dev/vdb')
