# SPDX-License-Identifier: Apache-2.0
"""The conductor RPC endpoint: compute hosts' object indirection, and flows."""

import time

import oslo_messaging as messaging
from oslo_utils import versionutils

from nova_like.clients import placement as placement_client
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.conductor.tasks import build
from nova_like.conductor.tasks import placement_audit
from nova_like.conductor.tasks import port_audit
from nova_like.conductor.tasks import reconcile
from nova_like.conductor.tasks import volume_audit
from nova_like import conf
from nova_like import exception
from nova_like.network import rpcapi as network_rpcapi
from nova_like.objects import base as objects_base
from nova_like.scheduler import rpcapi as scheduler_rpcapi
from nova_like import versions
from nova_like.volume import rpcapi as volume_rpcapi

CONF = conf.CONF


def _dispatch(target, method, args, kwargs):
    """Call target.method, letting our own exceptions reach the caller."""
    try:
        return getattr(target, method)(*args, **kwargs)
    except exception.NovaLikeException:
        raise messaging.ExpectedException()


_UNSET = object()


def _snapshot(obj):
    """The values of obj's set fields, to tell afterwards what a method
    changed: dicts and lists copied (they change in place), the rest by
    reference. A deep copy of an Instance cost more than the save itself."""
    values = {}
    for name in obj.fields:
        value = getattr(obj, '_obj_' + name, _UNSET)
        if value is not _UNSET:
            values[name] = (dict(value) if isinstance(value, dict) else
                            list(value) if isinstance(value, list) else value)
    return values


def _changed(before, after):
    if before is after:
        # The same object: changed only if changed in place.
        return (isinstance(after, objects_base.NovaLikeObject)
                and bool(after.obj_what_changed()))
    if isinstance(after, objects_base.NovaLikeObject):
        return True  # objects compare by identity: a new one is a change
    return before != after


class ConductorManager:
    """Endpoint of the conductor topic."""

    target = messaging.Target(version=versions.rpc_version('conductor'))

    def __init__(self, host=None, placement=None, network=None,
                 volume=None):
        self.host = host or CONF.host
        self.placement = placement or placement_client.PlacementClient()
        self.periodic_interval = CONF.conductor.reconcile_interval
        self.default_az = CONF.default_availability_zone
        self._scheduler = None
        self._compute = None
        self.placement_audit = placement_audit.PlacementAudit(self.placement)
        self._next_audit = 0.0
        self.port_audit = port_audit.PortAudit(
            network or network_rpcapi.NetworkAPI())
        self._next_port_audit = 0.0
        self.volume_audit = volume_audit.VolumeAudit(
            volume or volume_rpcapi.VolumeAPI())
        self._next_volume_audit = 0.0

    @property
    def scheduler_rpcapi(self):
        if self._scheduler is None:
            self._scheduler = scheduler_rpcapi.SchedulerAPI()
        return self._scheduler

    @property
    def compute_rpcapi(self):
        if self._compute is None:
            self._compute = compute_rpcapi.ComputeAPI()
        return self._compute

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        objclass = objects_base.NovaLikeObject.obj_class_from_name(
            objname, object_versions[objname])
        result = _dispatch(objclass, objmethod, (context,) + tuple(args),
                           kwargs)
        if isinstance(result, objects_base.NovaLikeObject):
            # Answer at the version the caller knows, not our newest.
            wanted = object_versions[objname]
            mine = versionutils.convert_version_to_tuple(result.VERSION)
            theirs = versionutils.convert_version_to_tuple(wanted)
            if theirs < mine or theirs[0] != mine[0]:
                return result.obj_to_primitive(
                    target_version=wanted, version_manifest=object_versions)
        return result

    def object_action(self, context, objinst, objmethod, args, kwargs):
        before = _snapshot(objinst)
        result = _dispatch(objinst, objmethod, tuple(args), kwargs)
        updates = {}
        for name, field in objinst.fields.items():
            # ovo keeps a set field's value in _obj_<name> (as _snapshot
            # reads it): a third of the cost of obj_attr_is_set + getattr.
            value = getattr(objinst, '_obj_' + name, _UNSET)
            if value is _UNSET:
                continue
            if _changed(before.get(name, _UNSET), value):
                updates[name] = field.to_primitive(objinst, name, value)
        # The caller's copy must end with the same pending changes as ours.
        updates['obj_what_changed'] = objinst.obj_what_changed()
        return updates, result

    def object_backport_versions(self, context, objinst, object_versions):
        target = object_versions[objinst.obj_name()]
        return objinst.obj_to_primitive(target_version=target,
                                        version_manifest=object_versions)

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, tags=None):
        """See ConductorAPI; the flow is conductor/tasks/build.py."""
        build.ScheduleAndBuild(self, context, build_requests, request_specs,
                               image, tags).run()

    def periodic_tasks(self, context):
        """Repair servers stuck by a crash (conductor/tasks/reconcile.py),
        Placement's view of them (conductor/tasks/placement_audit.py) and
        the ports and volume attachments they left
        (conductor/tasks/port_audit.py, volume_audit.py). Every step runs
        even when one before it failed; the first failure is raised."""
        failed = None
        for step in (self._reconcile, self._placement_audit,
                     self._port_audit, self._volume_audit):
            try:
                step(context)
            except Exception as exc:
                failed = failed or exc
        if failed is not None:
            raise failed

    def _reconcile(self, context):
        reconcile.reconcile(context, self.placement)

    def _due(self, attribute, interval):
        """Whether an audit every interval seconds (0: never) is due; if
        so its next time is set."""
        if not interval or time.monotonic() < getattr(self, attribute):
            return False
        setattr(self, attribute, time.monotonic() + interval)
        return True

    def _placement_audit(self, context):
        if self._due('_next_audit', CONF.conductor.placement_audit_interval):
            self.placement_audit.run(context)

    def _port_audit(self, context):
        if CONF.network.enabled and self._due(
                '_next_port_audit', CONF.conductor.port_audit_interval):
            self.port_audit.run(context)

    def _volume_audit(self, context):
        if self._due('_next_volume_audit',
                     CONF.conductor.volume_audit_interval):
            self.volume_audit.run(context)

    def ping(self, context, scheduler=False, compute_host=None,
             timeout=None):
        """Answer, after asking the scheduler and/or a compute host.

        A hop that does not answer within half the caller's timeout is
        reported as {'error': ...}, so the caller learns which hop failed.
        """
        hop_timeout = timeout / 2.0 if timeout else None
        answer = {'conductor': self.host}
        if scheduler:
            answer['scheduler'] = self._hop(
                'scheduler', hop_timeout,
                lambda: self.scheduler_rpcapi.ping(context, hop_timeout))
        if compute_host:
            answer['compute'] = self._hop(
                'compute %s' % compute_host, hop_timeout,
                lambda: self.compute_rpcapi.ping(context, compute_host,
                                                 hop_timeout))
        return answer

    @staticmethod
    def _hop(name, timeout, call):
        start = time.monotonic()
        try:
            result = call()
        except messaging.MessagingTimeout:
            result = {'error': '%s did not answer within %ss'
                               % (name, timeout)}
        result['ms'] = round((time.monotonic() - start) * 1000, 2)
        return result
