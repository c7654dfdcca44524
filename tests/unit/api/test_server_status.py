# SPDX-License-Identifier: Apache-2.0
"""vm_state/task_state to API status and back, as Nova maps them."""

import pytest

from nova_like.api.views import server_status


@pytest.mark.parametrize('vm_state, task_state, status', [
    ('building', 'scheduling', 'BUILD'),
    ('active', None, 'ACTIVE'),
    ('active', 'deleting', 'ACTIVE'),
    ('active', 'rebooting', 'REBOOT'),
    ('active', 'rebooting_hard', 'HARD_REBOOT'),
    ('active', 'rebuilding', 'REBUILD'),
    ('active', 'resize_prep', 'RESIZE'),
    ('active', 'migrating', 'MIGRATING'),
    ('stopped', None, 'SHUTOFF'),
    ('stopped', 'powering-on', 'SHUTOFF'),
    ('paused', None, 'PAUSED'),
    ('suspended', None, 'SUSPENDED'),
    ('rescued', None, 'RESCUE'),
    ('resized', None, 'VERIFY_RESIZE'),
    ('resized', 'resize_reverting', 'REVERT_RESIZE'),
    ('error', None, 'ERROR'),
    ('error', 'rebuilding', 'REBUILD'),
    ('deleted', None, 'DELETED'),
    ('soft-delete', None, 'SOFT_DELETED'),
    ('shelved', None, 'SHELVED'),
    ('shelved_offloaded', None, 'SHELVED_OFFLOADED'),
    ('bogus', None, 'UNKNOWN'),
])
def test_status_from_state(vm_state, task_state, status):
    assert server_status.status_from_state(vm_state, task_state) == status


def test_default_status_selects_any_task_state():
    assert server_status.states_from_status('active') == (['active'], None)
    assert server_status.states_from_status('SHUTOFF') == (['stopped'], None)


def test_task_status_selects_its_task_states():
    vm_states, task_states = server_status.states_from_status('REBOOT')
    assert vm_states == ['active']
    assert task_states == ['reboot_pending', 'reboot_started', 'rebooting']


def test_unknown_status_selects_nothing():
    assert server_status.states_from_status('NOPE') == ([], [])
