# SPDX-License-Identifier: Apache-2.0
"""The lifecycle of a running guest on this host, and its power_state.

The power_state is kept true to the hypervisor.

Every action (reboot, stop, start, pause, unpause, suspend, resume) arrives
with the task_state the API set. It runs under the instance's lock, is
recorded as an event (compute_<action>_instance) of the API's instance
action, and ends with the vm_state the action promises and task_state
None. When the hypervisor fails, the event records the traceback, the
server gets a fault naming the host and the failure, and it goes to ERROR
with task_state None, never left in a task state forever.

Power-state sync: the driver reports guests that change state on their own
(a shutdown from inside, a crash), and every periodic run compares each
guest with the database; a server whose guest stopped behind our back is
STOPPED (SHUTOFF). Servers with a task in flight are left to that task.
"""

import collections
import contextlib
import logging

from nova_like.compute import build
from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import instance_fault
from nova_like.virt import power_state

LOG = logging.getLogger(__name__)

# What one action does: the driver call (driver, context, instance, kw),
# the task states it may find the instance in, and the vm_state it leaves.
Action = collections.namedtuple('Action', 'call task_states vm_state')

ACTIONS = {
    'reboot': Action(
        lambda d, ctx, i, kw: d.reboot(ctx, i, kw['reboot_type']),
        (task_states.REBOOTING, task_states.REBOOTING_HARD,
         task_states.REBOOT_PENDING, task_states.REBOOT_PENDING_HARD),
        vm_states.ACTIVE),
    'stop': Action(
        lambda d, ctx, i, kw: d.power_off(i, kw.get('timeout', 0)),
        (task_states.POWERING_OFF,), vm_states.STOPPED),
    'start': Action(lambda d, ctx, i, kw: d.power_on(ctx, i),
                    (task_states.POWERING_ON,), vm_states.ACTIVE),
    'pause': Action(lambda d, ctx, i, kw: d.pause(i),
                    (task_states.PAUSING,), vm_states.PAUSED),
    'unpause': Action(lambda d, ctx, i, kw: d.unpause(i),
                      (task_states.UNPAUSING,), vm_states.ACTIVE),
    'suspend': Action(lambda d, ctx, i, kw: d.suspend(ctx, i),
                      (task_states.SUSPENDING,), vm_states.SUSPENDED),
    'resume': Action(lambda d, ctx, i, kw: d.resume(ctx, i),
                     (task_states.RESUMING,), vm_states.ACTIVE),
}


@contextlib.contextmanager
def event_reporter(context, instance_uuid, event_name, host):
    """Record event_name of context's action: start, then result.

    A missing action (a request from before actions were recorded) is
    logged, not fatal: the work itself still runs.
    """
    try:
        objects.InstanceActionEvent.event_start(context, instance_uuid,
                                                event_name, host=host)
    except exception.InstanceActionNotFound:
        LOG.info('No action recorded for %s of request %s; %s not recorded',
                 instance_uuid, context.request_id, event_name)
        yield
        return
    try:
        yield
    except Exception as exc:
        traceback, details = objects.InstanceActionEvent.format_failure(exc)
        objects.InstanceActionEvent.event_finish(
            context, instance_uuid, event_name, 'Error',
            traceback=traceback, details=details)
        raise
    objects.InstanceActionEvent.event_finish(context, instance_uuid,
                                             event_name, 'Success')


def run_action(manager, context, instance, name, **kwargs):
    """Do action name to instance's guest; see the module docstring."""
    action = ACTIONS[name]
    event_name = 'compute_%s_instance' % name
    with build.instance_lock(instance.uuid):
        expected = list(action.task_states)
        if name == 'reboot':
            instance.task_state = (
                task_states.REBOOT_STARTED_HARD
                if kwargs['reboot_type'] == 'HARD'
                else task_states.REBOOT_STARTED)
            try:
                instance.save(expected_task_state=expected)
            except (exception.InstanceNotFound,
                    exception.UnexpectedTaskStateError) as exc:
                LOG.info('Not rebooting %s: %s', instance.uuid, exc)
                return
            expected = [instance.task_state]
        try:
            with event_reporter(context, instance.uuid, event_name,
                                manager.host):
                action.call(manager.driver, context, instance, kwargs)
        except Exception as exc:  # any failure leaves an explained ERROR
            _fail(manager, context, instance, name, exc, expected)
            return
        instance.power_state = manager.driver.get_info(
            instance)['power_state']
        instance.vm_state = action.vm_state
        instance.task_state = None
        try:
            instance.save(expected_task_state=expected)
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError) as exc:
            LOG.info('%s of %s done, but the server changed meanwhile: %s',
                     name, instance.uuid, exc)
            return
        LOG.info('%s of %s done on %s', name, instance.uuid, manager.host)


def _fail(manager, context, instance, name, exc, expected):
    reason = exception.reason_of(exc)
    LOG.warning('%s of %s failed on %s: %s', name, instance.uuid,
                manager.host, reason)
    instance_fault.add_fault(
        context, instance, 'Failed to %s the server on %s: %s'
        % (name, manager.host, reason), manager.host)
    instance.vm_state = vm_states.ERROR
    instance.task_state = None
    instance.power_state = manager.driver.get_info(instance)['power_state']
    try:
        instance.save(expected_task_state=expected)
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        pass


def console_output(manager, context, instance, tail_length=None):
    """The guest's console log, its last tail_length lines when given."""
    output = manager.driver.get_console_output(context, instance)
    if tail_length is None or tail_length < 0:
        return output
    lines = output.splitlines(keepends=True)
    return ''.join(lines[-tail_length:]) if tail_length else ''


# Power-state sync

def _guest_down(state):
    return state in (power_state.SHUTDOWN, power_state.CRASHED)


def sync_instance(manager, instance, driver_state):
    """Bring instance's power_state (and vm_state) in line with its guest."""
    if instance.task_state is not None:
        return  # the task in flight will set the truth when it ends
    if instance.vm_state in (vm_states.ACTIVE, vm_states.PAUSED,
                             vm_states.SUSPENDED) and _guest_down(
                                 driver_state):
        LOG.warning('Guest of %s is %s though the server is %s: it stopped '
                    'by itself; the server is now stopped', instance.uuid,
                    power_state.STATE_MAP.get(driver_state),
                    instance.vm_state)
        instance.vm_state = vm_states.STOPPED
    elif (instance.vm_state == vm_states.STOPPED
          and driver_state == power_state.RUNNING):
        LOG.warning('Guest of %s runs though the server is stopped; '
                    'powering it off', instance.uuid)
        try:
            manager.driver.power_off(instance)
            driver_state = manager.driver.get_info(instance)['power_state']
        except Exception:  # the next sync tries again
            LOG.exception('Could not power off %s', instance.uuid)
    elif driver_state == power_state.NOSTATE and \
            instance.vm_state != vm_states.ERROR:
        LOG.warning('The hypervisor has no guest for %s', instance.uuid)
    if instance.power_state == driver_state and \
            not instance.obj_what_changed():
        return
    instance.power_state = driver_state
    try:
        # Compare-and-swap: an action the API accepted meanwhile wins.
        instance.save(expected_task_state=[None])
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        pass


def handle_event(manager, instance_uuid, state):
    """The driver's listener: a guest changed power state on its own."""
    context = nl_context.get_admin_context()
    try:
        with build.instance_lock(instance_uuid):
            instance = objects.Instance.get_by_uuid(context, instance_uuid)
            if instance.host == manager.host:
                sync_instance(manager, instance, state)
    except exception.InstanceNotFound:
        pass
    except Exception:  # an event must never kill the hypervisor's thread
        LOG.exception('Handling power event %s of %s', state, instance_uuid)


def sync_power_states(manager, context, instances):
    """Compare every instance of this host with its guest (periodic).

    :param instances: this host's instances, as last read.
    """
    for instance in instances:
        try:
            with build.instance_lock(instance.uuid):
                state = manager.driver.get_info(instance)['power_state']
                sync_instance(manager, instance, state)
        except Exception:  # one bad instance must not stop the others
            LOG.exception('Power-state sync of %s failed', instance.uuid)
