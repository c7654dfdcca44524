# SPDX-License-Identifier: Apache-2.0
"""Repair servers that a crash left half-done.

So that none stays in BUILD or DELETING forever.

Run by the conductor every [conductor] reconcile_interval:
- a build request older than [conductor] build_request_timeout (the
  conductor that took it died): ERROR in cell0 with a fault, claim removed;
  or, when that conductor had already written the server to a cell,
  mapped to that cell (where the rules below finish it).
And in every cell:
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
from nova_like.conductor.tasks import build as conductor_build
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db.main import instances as instance_db
from nova_like import exception
from nova_like import objects
from nova_like.objects import base as obj_base
from nova_like.objects import instance_fault
from nova_like.objects import service as service_obj

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def reconcile(context, placement):
    """One pass over every cell; returns the uuids repaired."""
    ctx = context.elevated()
    cells = [cell for cell in objects.CellMappingList.get_all(ctx)
             if not cell.is_cell0 and not cell.disabled]
    repaired = _reconcile_build_requests(ctx, cells, placement)
    for cell in cells:
        with nl_context.target_cell(ctx, cell) as cctx:
            repaired += _reconcile_cell(cctx, placement)
    return repaired


def _reconcile_build_requests(ctx, cells, placement):
    """Build requests no conductor finished within build_request_timeout.

    A conductor acknowledges the cast when it takes it, so one that died
    while scheduling lost the request. If it got as far as writing the
    server to a cell, the server's mapping is pointed there (the cell's
    own rules then apply); otherwise the server goes to ERROR in cell0 and
    any claim the scheduler made is removed. Either way the build
    request's delete decides: a conductor still at work that finds it gone
    removes its own copy and claim.
    """
    now = datetime.datetime.now(datetime.timezone.utc)
    timeout = CONF.conductor.build_request_timeout
    stale = [br for br in objects.BuildRequestList.get_all(ctx)
             if obj_base.seconds_since(br.created_at, now) > timeout]
    orphans = []
    for build_request in stale:
        cell = _cell_holding(ctx, cells, build_request.instance_uuid)
        if cell is None:
            orphans.append(build_request)
        elif conductor_build.map_and_forget_request(ctx, build_request,
                                                    cell):
            LOG.warning('Instance %s was written to cell %s by a conductor '
                        'that stopped before finishing; mapped there',
                        build_request.instance_uuid, cell.name)
    reason = ('No conductor finished scheduling this server within %ss: '
              'the conductor that took the request stopped (see the '
              'conductors\' logs)' % timeout)
    buried = conductor_build.bury_in_cell0(ctx, orphans, reason)
    for build_request in buried:
        placement.delete_allocation_for_instance(build_request.instance_uuid)
        LOG.warning('Instance %s set to ERROR: %s',
                    build_request.instance_uuid, reason)
    return [br.instance_uuid for br in buried]


def _cell_holding(ctx, cells, uuid):
    for cell in cells:
        with nl_context.target_cell(ctx, cell) as cctx:
            try:
                objects.Instance.get_by_uuid(cctx, uuid)
            except exception.InstanceNotFound:
                continue
            return cell
    return None


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
              obj_base.idle_seconds(instance, now) >
              2 * CONF.service_down_time):
            if _fail_build(cctx, instance, placement,
                           _never_started(cctx, instance)):
                repaired.append(instance.uuid)
    return repaired


def _never_started(cctx, instance):
    """Why a build never started on its (live) host: say what is known."""
    wait = 2 * CONF.service_down_time
    try:
        objects.BuildRequest.get_by_instance_uuid(cctx, instance.uuid)
    except exception.BuildRequestNotFound:
        return ('Compute host %s did not report starting the build within '
                '%ss (the request, or its first update, was lost; see that '
                'host\'s log)' % (instance.host, wait))
    # The conductor drops the build request just before it casts.
    return ('The conductor building this server stopped before handing it '
            'to compute host %s (nothing for %ss; see the conductors\' logs)'
            % (instance.host, wait))


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
