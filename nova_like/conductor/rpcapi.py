# SPDX-License-Identifier: Apache-2.0
"""Client side of the conductor RPC API.

API version history:

    1.0 - Initial version: object_class_action_versions, object_action,
          object_backport_versions (the object indirection API), ping,
          schedule_and_build_instances.
"""

import oslo_messaging as messaging
from oslo_versionedobjects import base as ovo_base

from nova_like import conf
from nova_like import rpc
from nova_like import versions

CONF = conf.CONF

RPC_TOPIC = 'conductor'
RPC_API_VERSION = versions.rpc_version('conductor')


class ConductorAPI(ovo_base.VersionedObjectIndirectionAPI):
    """Talks to nova-like-conductor; also the objects' indirection API."""

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        cap = versions.version_cap('conductor', CONF.upgrade_levels.conductor)
        self.client = rpc.get_client(target, version_cap=cap)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        """Run a remotable classmethod in the conductor.

        :param object_versions: {objname: version} this caller understands.
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_class_action_versions',
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions,
                          args=args, kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        """Run a remotable method of objinst in the conductor.

        :returns: (updates to apply to objinst, the method's result).
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_action', objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        """Return objinst as a primitive at the versions the caller knows."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_backport_versions',
                          objinst=objinst, object_versions=object_versions)

    def ping(self, context, scheduler=False, compute_host=None, timeout=None):
        """Round trip to the conductor, optionally on to scheduler/compute.

        :returns: {'conductor': host, 'scheduler': {...}, 'compute': {...}}
        :raises: MessagingTimeout when any hop does not answer in time.
        """
        cctxt = self.client.prepare(timeout=timeout)
        return cctxt.call(context, 'ping', scheduler=scheduler,
                          compute_host=compute_host, timeout=timeout)

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, tags=None):
        """Schedule new servers and hand each to its compute host (cast).

        :param build_requests: BuildRequest objects written by the API.
        :param request_specs: RequestSpec objects, in the same order.
        :param image: the Glance image as a dict (id, name, min_disk, ...).
        """
        cctxt = self.client.prepare()
        cctxt.cast(context, 'schedule_and_build_instances',
                   build_requests=build_requests, request_specs=request_specs,
                   image=image, tags=tags)
