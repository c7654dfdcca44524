# SPDX-License-Identifier: Apache-2.0
"""Repair servers that a crash left half-done, so none stays in BUILD or DELETING forever.

Run by the conductor every [conductor] reconcile_interval, in every cell:
- BUILD on a compute host whose service is down (no heartbeat for
  service_down_time): ERROR with a fault naming the host; claim removed.
- BUILD still waiting for its host to start (task_state scheduling) for
  longer than service_down_time while the host is up: the cast was lost;
  ERROR with a fault; claim removed.
- DELETING on a host that is down: deleted here (claim removed, row
  soft-deleted); the guest, if the host comes back, is that host's to reap.
Each repair is a compare-and-swap on the states it saw, so two conductors
never repair one server twice.
"""

import datetime
import logging

from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db.main import instances as instance_db
from nova_like import exception
from nova_like import objects
from nova_like.objects import instance_fault
from nova_like.objects import service as service_obj

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def _age(instance, now):
    stamp = instance.updated_at or instance.created_at
    if stamp is None:
        return 0
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=datetime.timezone.utc)
    return (now - stamp).total_seconds()


def reconcile(context, placement):
    """One pass over every cell; returns the uuids repaired."""
    repaired = []
    ctx = context.elevated()
    for cell in objects.CellMappingList.get_all(ctx):
        if cell.is_cell0 or cell.disabled:
            continue
        with nl_context.target_cell(ctx, cell) as cctx:
            repaired += _reconcile_cell(cctx, placement)
    return repaired


def _reconcile_cell(cctx, placement):
    rows = instance_db.instance_get_all_by_states(
        cctx, vm_states=[vm_states.BUILDING],
        task_states=[task_states.DELETING])
    if not rows:
        return []
    services = {s.host: s for s in objects.ServiceList.get_all(
        cctx, binary=service_obj.COMPUTE_BINARY)}
    now = datetime.datetime.now(datetime.timezone.utc)
    repaired = []
    for row in rows:
        instance = objects.Instance._from_db_object(cctx, objects.Instance(),
                                                    row)
        if not instance.host:
            continue
        service = services.get(instance.host)
        down = service is None or not service.is_up(CONF.service_down_time)
        if instance.task_state == task_states.DELETING:
            if down and _finish_delete(cctx, instance, placement):
                repaired.append(instance.uuid)
        elif down:
            if _fail_build(cctx, instance, placement,
                           'Compute host %s went down while building this '
                           'server (no heartbeat for %ss)'
                           % (instance.host, CONF.service_down_time)):
                repaired.append(instance.uuid)
        elif (instance.task_state == task_states.SCHEDULING and
              _age(instance, now) > 2 * CONF.service_down_time):
            if _fail_build(cctx, instance, placement,
                           'Compute host %s did not report starting the '
                           'build within %ss (the request, or its first '
                           'update, was lost; see that host\'s log)'
                           % (instance.host, 2 * CONF.service_down_time)):
                repaired.append(instance.uuid)
    return repaired


def _fail_build(cctx, instance, placement, reason):
    seen = instance.task_state
    # The fault goes first so that nobody ever sees ERROR without a reason.
    instance_fault.add_fault(cctx, instance, reason, instance.host)
    instance.vm_state = vm_states.ERROR
    instance.task_state = None
    try:
        instance.save(expected_task_state=[seen],
                      expected_vm_state=[vm_states.BUILDING])
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        return False
    placement.delete_allocation_for_instance(instance.uuid)
    LOG.warning('Instance %s set to ERROR: %s', instance.uuid, reason)
    return True


def _finish_delete(cctx, instance, placement):
    instance.vm_state = vm_states.DELETED
    instance.task_state = None
    try:
        instance.save(expected_task_state=[task_states.DELETING])
        instance.destroy()
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        return False
    placement.delete_allocation_for_instance(instance.uuid)
    LOG.warning('Instance %s deleted locally: its host %s is down',
                instance.uuid, instance.host)
    return True
