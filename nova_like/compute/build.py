# SPDX-License-Identifier: Apache-2.0
"""Building and terminating a server on this host.

The compute half of the boot path.

A build arrives with the host's Placement claim already made by the
scheduler. On success the server becomes ACTIVE. If the hypervisor fails,
the guest is cleaned up, this host's claim is removed, and the build moves
to the next alternate the scheduler chose (its allocation is claimed here,
then the build is cast to that host) — no round trip through the scheduler.
A server in a group is re-checked against the group's policy before spawn
(the late check, through the conductor); a refusal takes the same path.
When no alternate can be claimed the server goes to ERROR with a fault that
names every host tried and the last error. Ports come from the network
service before spawn and go back on every way out (reschedule, failure,
delete); a refused port (a full subnet) is an ERROR at once, since no
other host would get one either. Build and terminate of one
instance are serialized by a per-instance lock, so a delete during a build
waits for the build to end and then cleans up.
"""

import contextlib
import logging
import threading

from oslo_serialization import jsonutils
from oslo_utils import timeutils

from nova_like.compute import networking
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like import exception
from nova_like import objects
from nova_like.objects import instance_fault
from nova_like.virt import power_state

LOG = logging.getLogger(__name__)

# uuid -> [lock, number of threads holding or waiting for it]: a lock is
# forgotten only when nobody holds or waits for it, so two threads never
# hold two different locks of one instance.
_locks = {}
_locks_guard = threading.Lock()


@contextlib.contextmanager
def _instance_lock(uuid, blocking):
    with _locks_guard:
        entry = _locks.setdefault(uuid, [threading.Lock(), 0])
        entry[1] += 1
    acquired = entry[0].acquire(blocking=blocking)
    try:
        yield acquired
    finally:
        if acquired:
            entry[0].release()
        with _locks_guard:
            entry[1] -= 1
            if not entry[1]:
                del _locks[uuid]


@contextlib.contextmanager
def instance_lock(uuid):
    """Serialize the work of this process on one instance."""
    with _instance_lock(uuid, blocking=True):
        yield


def try_instance_lock(uuid):
    """instance_lock that yields False at once, not holding it, when busy."""
    return _instance_lock(uuid, blocking=False)


class BuildTask:
    """One attempt to build instance on this host."""

    def __init__(self, manager, context, instance, request_spec, image,
                 alternates):
        self.manager = manager
        self.context = context
        self.instance = instance
        self.request_spec = request_spec
        self.image = image
        self.alternates = list(alternates or [])

    def run(self):
        with instance_lock(self.instance.uuid):
            self._run()

    def _run(self):
        instance = self.instance
        instance.task_state = task_states.SPAWNING
        try:
            instance.save(expected_task_state=[task_states.SCHEDULING])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s was deleted before its build started',
                     instance.uuid)
            self.manager.placement.delete_allocation_for_instance(
                instance.uuid)
            return
        violation = self._late_group_check()
        if violation:
            LOG.info('Build of %s refused on %s: %s', instance.uuid,
                     self.manager.host, violation)
            self._reschedule_or_fail('server group policy: ' + violation)
            return
        try:
            networking.allocate(self.manager, self.context, instance,
                                self.request_spec)
        except networking.NetworkAllocationFailed as exc:
            LOG.warning('Build of %s failed on %s: %s', instance.uuid,
                        self.manager.host, exc.message)
            self.manager.placement.delete_allocation_for_instance(
                instance.uuid)
            # Ports made before the refusal go back.
            networking.deallocate(self.manager, self.context, instance)
            self._fail(exc.message)
            return
        try:
            self.manager.driver.spawn(self.context, instance, self.image)
        except Exception as exc:  # any hypervisor failure ends this attempt
            reason = exception.reason_of(exc)
            LOG.warning('Build of %s failed on %s: %s', instance.uuid,
                        self.manager.host, reason)
            self._cleanup_guest()
            self._reschedule_or_fail(reason)
            return
        instance.power_state = self.manager.driver.get_info(
            instance)['power_state']
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        instance.launched_at = timeutils.utcnow()
        try:
            instance.save(expected_task_state=[task_states.SPAWNING])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            # Deleted while spawning: terminate_instance (queued behind our
            # lock) removes the guest and the allocation.
            LOG.info('Instance %s was deleted during its build',
                     instance.uuid)
            return
        LOG.info('Instance %s is ACTIVE on %s', instance.uuid,
                 self.manager.host)

    def _late_group_check(self):
        """Re-check the server group's policy here, before spawning.

        Concurrent requests may each have been scheduled to this host; the
        conductor records the member's host with a compare-and-swap on the
        group, so only the ones the policy allows get through.
        :returns: None, or why this host breaks the group's policy.
        """
        group = (self.request_spec.scheduler_hints or {}).get('group')
        if not group:
            return None
        try:
            return objects.InstanceGroup.place_member(
                self.context, group[0], self.instance.uuid, self.manager.host)
        except exception.InstanceGroupNotFound:
            return None  # the group was deleted meanwhile: nothing to keep

    def _cleanup_guest(self):
        try:
            self.manager.driver.destroy(self.context, self.instance)
        except Exception:  # the failure we report is the spawn's
            LOG.exception('Cleaning up the failed guest of %s',
                          self.instance.uuid)

    def _reschedule_or_fail(self, reason):
        instance = self.instance
        placement = self.manager.placement
        placement.delete_allocation_for_instance(instance.uuid)
        # The ports are bound to this host: the next one asks again.
        networking.deallocate(self.manager, self.context, instance)
        tried = list(self.request_spec.ignore_hosts) + [self.manager.host]
        self.request_spec.ignore_hosts = tried
        while self.alternates:
            alternate = self.alternates.pop(0)
            request = jsonutils.loads(alternate.allocation_request)
            if not placement.claim_resources(
                    instance.uuid, request, instance.project_id,
                    instance.user_id):
                tried.append(alternate.service_host + ' (no capacity left)')
                continue
            instance.host = alternate.service_host
            instance.node = alternate.nodename
            instance.launched_on = alternate.service_host
            instance.task_state = task_states.SCHEDULING
            try:
                instance.save(expected_task_state=[task_states.SPAWNING])
            except (exception.InstanceNotFound,
                    exception.UnexpectedTaskStateError):
                placement.delete_allocation_for_instance(instance.uuid)
                return
            LOG.info('Rescheduling %s from %s to %s', instance.uuid,
                     self.manager.host, alternate.service_host)
            compute_rpcapi.ComputeAPI().build_and_run_instance(
                self.context, instance, alternate.service_host,
                self.request_spec, self.image, self.alternates)
            return
        self._fail('Build of instance %s failed on every host tried (%s); '
                   'last error on %s: %s' % (instance.uuid, ', '.join(tried),
                                             self.manager.host, reason))

    def _fail(self, message):
        """ERROR with message as its fault; claim and ports already gone."""
        instance = self.instance
        # The fault goes first so that nobody ever sees ERROR without it.
        instance_fault.add_fault(self.context, instance, message,
                                 self.manager.host)
        instance.vm_state = vm_states.ERROR
        instance.task_state = None
        instance.power_state = power_state.NOSTATE
        try:
            instance.save(expected_task_state=[task_states.SPAWNING])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            return


def terminate(manager, context, instance):
    """Destroy the guest, free the claim and soft-delete the instance.

    Every step may be run again (compute/recovery.py does when one was
    cut off): a missing guest, allocation or row is not an error.
    """
    with instance_lock(instance.uuid):
        terminate_locked(manager, context, instance)


def terminate_locked(manager, context, instance):
    """terminate, for a caller that holds the instance's lock."""
    try:
        manager.driver.destroy(context, instance)
    except Exception as exc:  # leave an explained ERROR, never DELETING
        reason = exception.reason_of(exc)
        LOG.warning('Delete of %s failed on %s: %s', instance.uuid,
                    manager.host, reason)
        instance_fault.add_fault(context, instance, 'Delete failed on %s: %s'
                                 % (manager.host, reason), manager.host)
        instance.vm_state = vm_states.ERROR
        instance.task_state = None
        instance.save()
        return
    networking.deallocate(manager, context, instance)
    manager.release_volumes(context, instance)
    manager.placement.delete_allocation_for_instance(instance.uuid)
    instance.vm_state = vm_states.DELETED
    instance.task_state = None
    instance.power_state = power_state.NOSTATE
    try:
        instance.destroy()  # the state above is written with it
    except exception.InstanceNotFound:
        pass
    LOG.info('Instance %s deleted from %s', instance.uuid, manager.host)
