# SPDX-License-Identifier: Apache-2.0
"""Finishing what this host left half-done.

Builds and deletes whose work or last step was lost.

A build or a delete runs under the instance's lock in this process. When
the process restarted mid-way, or the last save failed (the conductor or
the database unreachable), the server stays in SPAWNING or DELETING with
nobody working on it. At start and at every periodic run this host looks
for its own servers in those states whose lock nobody holds:

- SPAWNING: if the guest runs, the build had finished and only its save
  was lost: the server becomes ACTIVE (its network_info asked of the
  network service again). Otherwise the build was cut off: the guest is
  removed, its ports and the claim too, and the server goes to ERROR with
  a fault saying so.
- DELETING, untouched for service_down_time (a terminate cast may still be
  queued for this host before that) or found at start: the delete is run
  again; it is idempotent.

Compute hosts that are down are the conductor's to repair
(conductor/tasks/reconcile.py).
"""

import datetime
import logging

from oslo_utils import timeutils

from nova_like.compute import build
from nova_like.compute import networking
from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like import conf
from nova_like import exception
from nova_like import objects
from nova_like.objects import base as obj_base
from nova_like.objects import instance_fault
from nova_like.virt import power_state

CONF = conf.CONF
LOG = logging.getLogger(__name__)

_UNFINISHED = (task_states.SPAWNING, task_states.DELETING)


def recover(manager, context, instances, at_start=False):
    """Finish the unfinished builds and deletes among instances of this host.

    :param instances: this host's instances, as last read.
    :param at_start: the process has just started, so nothing of this host
        is in flight however recent.
    :returns: the uuids recovered.
    """
    now = datetime.datetime.now(datetime.timezone.utc)
    recovered = []
    for instance in instances:
        if instance.task_state not in _UNFINISHED or \
                instance.host != manager.host:
            continue
        if instance.task_state == task_states.DELETING and not at_start \
                and obj_base.idle_seconds(instance, now) < \
                CONF.service_down_time:
            continue
        try:
            if _recover_one(manager, context, instance.uuid):
                recovered.append(instance.uuid)
        except Exception:  # the next periodic run tries again
            LOG.exception('Could not recover %s', instance.uuid)
    return recovered


def _recover_one(manager, context, uuid):
    with build.try_instance_lock(uuid) as free:
        if not free:
            return False  # this process is working on it
        try:
            instance = objects.Instance.get_by_uuid(context, uuid)
        except exception.InstanceNotFound:
            return False
        if instance.host != manager.host:
            return False
        if instance.task_state == task_states.DELETING:
            LOG.warning('Finishing the delete of %s, which was cut off',
                        uuid)
            build.terminate_locked(manager, context, instance)
            return True
        if instance.task_state == task_states.SPAWNING:
            return _finish_build(manager, context, instance)
        return False  # it moved on since the list was read


def _finish_build(manager, context, instance):
    state = manager.driver.get_info(instance)['power_state']
    if state == power_state.RUNNING:
        LOG.warning('The build of %s finished but was not recorded; the '
                    'server is ACTIVE', instance.uuid)
        instance.power_state = state
        # Written with ACTIVE by the build that was cut off: ask again.
        instance.network_info = networking.network_info(manager, context,
                                                        instance)
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        if instance.launched_at is None:
            instance.launched_at = timeutils.utcnow()
    else:
        reason = ('The build on %s was cut off (the compute service '
                  'restarted, or lost the conductor, while spawning) and '
                  'the guest is not running' % manager.host)
        LOG.warning('%s: %s', instance.uuid, reason)
        manager.driver.destroy(context, instance)
        networking.deallocate(manager, context, instance)
        manager.placement.delete_allocation_for_instance(instance.uuid)
        # The fault goes first so that nobody ever sees ERROR without it.
        instance_fault.add_fault(context, instance, reason, manager.host)
        instance.vm_state = vm_states.ERROR
        instance.task_state = None
        instance.power_state = power_state.NOSTATE
    try:
        instance.save(expected_task_state=[task_states.SPAWNING])
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        return False
    return True
