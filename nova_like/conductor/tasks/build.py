# SPDX-License-Identifier: Apache-2.0
"""schedule_and_build_instances: from API build requests to compute host casts.

For a boot request of N servers: one select_destinations call (which also
claims each server's resources in Placement); then per server, the
Instance is created in the chosen host's cell, its InstanceMapping pointed
at that cell, its BuildRequest deleted, and build_and_run_instance cast to
the host with the alternates. If the user deleted the server meanwhile
(BuildRequest gone) the new Instance and its claim are removed again. If no
host fits, every server is written to cell0 in ERROR with the scheduler's
explanation as its fault; if scheduling fails otherwise (the scheduler
gone, its answer lost) the claims it may have made are removed first. A
server whose own steps fail (its cell or the API database unreachable, the
cast refused) ends in ERROR where it got to, with that failure as its fault
and its claim removed, and the rest of the request goes on.
"""

import logging

import oslo_messaging as messaging

from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.compute import vm_states
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import instance_fault
from nova_like.objects import transaction

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def _scheduling_failure(exc):
    """The fault of servers whose scheduling failed other than NoValidHost."""
    if isinstance(exc, messaging.MessagingTimeout):
        return ('Scheduling failed: no nova-like-scheduler answered within '
                '%ss ([DEFAULT] rpc_response_timeout); is one running and '
                'connected to the message queue?' % CONF.rpc_response_timeout)
    return 'Scheduling failed: %s' % exception.reason_of(exc)


class ScheduleAndBuild:

    def __init__(self, manager, context, build_requests, request_specs,
                 image, tags):
        self.manager = manager
        self.context = context
        self.build_requests = build_requests
        self.request_specs = request_specs
        self.image = image
        self.tags = tags

    def run(self):
        spec = self.request_specs[0]
        spec.num_instances = len(self.build_requests)
        uuids = [br.instance_uuid for br in self.build_requests]
        try:
            host_lists = self.manager.scheduler_rpcapi.select_destinations(
                self.context, spec, uuids)
        except exception.NoValidHost as exc:
            LOG.info('No valid host for %s: %s', ', '.join(uuids),
                     exc.message)
            bury_in_cell0(self.context, self.build_requests, exc.message)
            return
        except Exception as exc:  # the servers must not stay in BUILD
            LOG.exception('Scheduling %s failed', ', '.join(uuids))
            # The scheduler may have claimed before its answer was lost.
            self._remove_claims(uuids)
            bury_in_cell0(self.context, self.build_requests,
                          _scheduling_failure(exc))
            return
        compute = compute_rpcapi.ComputeAPI()
        for build_request, request_spec, hosts in zip(
                self.build_requests, self.request_specs, host_lists):
            try:
                self._build_one(compute, build_request, request_spec, hosts)
            except Exception as exc:  # one server's failure is its own
                LOG.exception('Building %s failed in the conductor',
                              build_request.instance_uuid)
                self._fail_one(build_request, hosts[0], exc)

    def _remove_claims(self, uuids):
        for uuid in uuids:
            try:
                self.manager.placement.delete_allocation_for_instance(uuid)
            except Exception:
                # The Placement audit removes what is left (docs/boot-path.md).
                LOG.exception('Could not remove the claim of %s', uuid)

    def _build_one(self, compute, build_request, request_spec, hosts):
        chosen, alternates = hosts[0], hosts[1:]
        cell = objects.CellMapping.get_by_uuid(self.context, chosen.cell_uuid)
        instance = build_request.instance
        instance.host = chosen.service_host
        instance.node = chosen.nodename
        instance.launched_on = chosen.service_host
        instance.availability_zone = (instance.availability_zone or
                                      self.manager.default_az)
        with nl_context.target_cell(self.context, cell) as cctx:
            instance._context = cctx
            self._create_in_cell(cctx, instance)
            if not map_and_forget_request(self.context, build_request, cell):
                LOG.info('Instance %s was deleted while it was scheduled',
                         instance.uuid)
                self.manager.placement.delete_allocation_for_instance(
                    instance.uuid)
                instance.destroy()
                self._forget_request_spec(request_spec)
                return
            compute.build_and_run_instance(cctx, instance,
                                           chosen.service_host, request_spec,
                                           self.image, alternates)

    @staticmethod
    def _create_in_cell(cctx, instance):
        """Write the instance and its create action in one transaction.

        Whenever that is rolled back, the instance is made new again (no id,
        its fields to be written): for the transaction's own retry, and so
        that the failure path can write it to cell0.
        """
        pending = instance.obj_get_changes()

        def make_new():
            if instance.obj_attr_is_set('id'):
                del instance.id
            for name, value in pending.items():
                setattr(instance, name, value)

        def write():
            make_new()
            instance.create()
            objects.InstanceAction.action_start(cctx, instance.uuid, 'create')

        try:
            transaction.cell_db(cctx, write)
        except Exception:
            make_new()
            raise

    def _fail_one(self, build_request, chosen, exc):
        """Leave one server in ERROR, mapped, with exc as its fault.

        Each step is tried on its own: whatever the failure left undone,
        the server must end up findable, deletable and not in BUILD (the
        reconciler is the last resort when even this fails).
        """
        instance = build_request.instance
        reason = ('Building failed in the conductor: %s'
                  % exception.reason_of(exc))
        steps = [lambda: self.manager.placement.delete_allocation_for_instance(
            instance.uuid)]
        if instance.obj_attr_is_set('id'):
            steps.append(lambda: self._error_in_cell(
                instance, chosen.cell_uuid, reason))
        else:
            steps.append(lambda: bury_in_cell0(self.context, [build_request],
                                               reason))
        for step in steps:
            try:
                step()
            except Exception:
                LOG.exception('Could not clean up after %s', instance.uuid)

    def _error_in_cell(self, instance, cell_uuid, reason):
        cell = objects.CellMapping.get_by_uuid(self.context, cell_uuid)
        with nl_context.target_cell(self.context, cell) as cctx:
            instance._context = cctx
            instance.vm_state = vm_states.ERROR
            instance.task_state = None
            instance.save()
            instance_fault.add_fault(cctx, instance, reason, None)
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            self.context, instance.uuid)
        if mapping.cell_mapping is None:
            mapping.cell_mapping = cell
            mapping.save()
        try:
            objects.BuildRequest(self.context,
                                 instance_uuid=instance.uuid).destroy()
        except exception.BuildRequestNotFound:
            pass

    @staticmethod
    def _forget_request_spec(request_spec):
        try:
            request_spec.destroy()
        except exception.RequestSpecNotFound:
            pass


def map_and_forget_request(context, build_request, cell):
    """Point the server's mapping at cell and drop its BuildRequest.

    :returns: False when the user deleted the server meanwhile, or the
        request was taken by someone else (its BuildRequest gone).
    """
    def point_and_forget():
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, build_request.instance_uuid)
        mapping.cell_mapping = cell
        mapping.save()
        try:
            build_request.destroy()
        except exception.BuildRequestNotFound:
            return None
        return mapping

    mapping = transaction.api_db(point_and_forget)
    return mapping is not None and not mapping.queued_for_delete


def bury_in_cell0(context, build_requests, reason):
    """Write the servers of build_requests to cell0 in ERROR.

    :param reason: their fault's message.
    :returns: the build requests written so; the others were deleted or
        taken by someone else meanwhile.
    """
    cell0 = objects.CellMapping.get_by_uuid(
        context, objects.cell_mapping.CELL0_UUID)
    buried = []
    for build_request in build_requests:
        instance = build_request.instance
        instance.vm_state = vm_states.ERROR
        instance.task_state = None
        with nl_context.target_cell(context, cell0) as cctx:
            instance._context = cctx
            instance.create()
            objects.InstanceAction.action_start(cctx, instance.uuid, 'create')
            instance_fault.add_fault(cctx, instance, reason, None)
            if map_and_forget_request(context, build_request, cell0):
                buried.append(build_request)
            else:
                instance.destroy()
    return buried
