# SPDX-License-Identifier: Apache-2.0
"""A server's API status from its vm_state and task_state, and back.

Both ways as Nova maps them.
"""

_DEFAULT = 'default'

_REBUILD = {'rebuilding': 'REBUILD',
            'rebuild_block_device_mapping': 'REBUILD',
            'rebuild_spawning': 'REBUILD'}
_RESIZE = {'resize_prep': 'RESIZE', 'resize_migrating': 'RESIZE',
           'resize_migrated': 'RESIZE', 'resize_finish': 'RESIZE'}

STATE_MAP = {
    'active': dict({
        _DEFAULT: 'ACTIVE',
        'rebooting': 'REBOOT',
        'reboot_pending': 'REBOOT',
        'reboot_started': 'REBOOT',
        'rebooting_hard': 'HARD_REBOOT',
        'reboot_pending_hard': 'HARD_REBOOT',
        'reboot_started_hard': 'HARD_REBOOT',
        'updating_password': 'PASSWORD',
        'migrating': 'MIGRATING',
    }, **_REBUILD, **_RESIZE),
    'building': {_DEFAULT: 'BUILD'},
    'stopped': dict({_DEFAULT: 'SHUTOFF'}, **_REBUILD, **_RESIZE),
    'resized': {_DEFAULT: 'VERIFY_RESIZE',
                'resize_reverting': 'REVERT_RESIZE'},
    'paused': {_DEFAULT: 'PAUSED', 'migrating': 'MIGRATING'},
    'suspended': {_DEFAULT: 'SUSPENDED'},
    'rescued': {_DEFAULT: 'RESCUE'},
    'error': dict({_DEFAULT: 'ERROR'}, **_REBUILD),
    'deleted': {_DEFAULT: 'DELETED'},
    'soft-delete': {_DEFAULT: 'SOFT_DELETED'},
    'shelved': {_DEFAULT: 'SHELVED'},
    'shelved_offloaded': {_DEFAULT: 'SHELVED_OFFLOADED'},
}


def status_from_state(vm_state, task_state=None):
    """The API status: 'ACTIVE', 'BUILD', 'REBOOT', ...

    'UNKNOWN' for a state Nova does not know.
    """
    task_map = STATE_MAP.get(vm_state, {_DEFAULT: 'UNKNOWN'})
    return task_map.get(task_state, task_map[_DEFAULT])


def states_from_status(status):
    """(vm_states, task_states) a status filter selects.

    task_states is None when any task state matches (the status is the
    default of its vm_states); both are empty for an unknown status.
    """
    wanted = status.strip().upper()
    vm_states, task_states = set(), set()
    for vm_state, task_map in STATE_MAP.items():
        for task_state, mapped in task_map.items():
            if mapped == wanted:
                vm_states.add(vm_state)
                task_states.add(task_state)
    if _DEFAULT in task_states:
        return sorted(vm_states), None
    return sorted(vm_states), sorted(task_states)
