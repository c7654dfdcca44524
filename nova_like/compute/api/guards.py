# SPDX-License-Identifier: Apache-2.0
"""Where each server action is allowed, and the checks every action passes.

The state tables, and the lock and state checks.
"""

from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like import exception

# The task states a hard reboot may interrupt (a stuck soft reboot).
_HARD_REBOOT_TASK_STATES = (None, task_states.REBOOTING,
                            task_states.REBOOT_PENDING,
                            task_states.REBOOT_STARTED)
# Where metadata and tags may change: a settled server.
SETTLED = (vm_states.ACTIVE, vm_states.PAUSED, vm_states.SUSPENDED,
           vm_states.STOPPED)
MAX_TAGS = 50


class PowerAction:
    """An asynchronous server action.

    Where it is allowed, what it sets, what it casts.
    """

    def __init__(self, allowed_vm_states, task_state, cast,
                 allowed_task_states=(None,)):
        self.vm_states = allowed_vm_states
        self.task_states = allowed_task_states
        self.task_state = task_state
        self.cast = cast


# The API name of each action, as instance actions record it.
POWER_ACTIONS = {
    'stop': PowerAction((vm_states.ACTIVE, vm_states.ERROR),
                        task_states.POWERING_OFF, 'stop_instance'),
    'start': PowerAction((vm_states.STOPPED,), task_states.POWERING_ON,
                         'start_instance'),
    'pause': PowerAction((vm_states.ACTIVE,), task_states.PAUSING,
                         'pause_instance'),
    'unpause': PowerAction((vm_states.PAUSED,), task_states.UNPAUSING,
                           'unpause_instance'),
    'suspend': PowerAction((vm_states.ACTIVE,), task_states.SUSPENDING,
                           'suspend_instance'),
    'resume': PowerAction((vm_states.SUSPENDED,), task_states.RESUMING,
                          'resume_instance'),
}
REBOOT = {
    'SOFT': PowerAction((vm_states.ACTIVE,), task_states.REBOOTING,
                        'reboot_instance'),
    'HARD': PowerAction((vm_states.ACTIVE, vm_states.STOPPED,
                         vm_states.PAUSED, vm_states.SUSPENDED,
                         vm_states.ERROR), task_states.REBOOTING_HARD,
                        'reboot_instance',
                        allowed_task_states=_HARD_REBOOT_TASK_STATES),
}


def check_lock(context, instance):
    """:raises: InstanceIsLocked when a non-admin acts on a locked server."""
    if instance.locked and not context.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=instance.uuid)


def check_state(instance, method, allowed_vm_states, allowed_task_states):
    """:raises: InstanceInvalidState naming the state that forbids method."""
    if instance.vm_state not in allowed_vm_states:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state)
    if instance.task_state not in allowed_task_states:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='task_state',
            state=instance.task_state)
