# SPDX-License-Identifier: Apache-2.0
"""In-process stand-ins for the API's tests.

A conductor and a compute endpoint on the fake transport, and Placement.
"""

import datetime
import threading

import oslo_messaging as messaging

from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like import rpc
from nova_like import versions
from tests import glance_standin

# The images the Glance stand-in serves, under the names these tests use.
IMAGE_ID = glance_standin.IMAGE_ID
QUEUED_IMAGE_ID = glance_standin.QUEUED_IMAGE_ID
BIG_IMAGE_ID = glance_standin.BIG_IMAGE_ID
HOST = 'fake-host'


class FakeConductor:
    """Receives schedule_and_build_instances and plays the conductor's part.

    mode 'schedule': the instance goes to cell1 on HOST, ACTIVE; 'error':
    to cell0 in ERROR with a fault; 'hold': nothing happens (BUILD stays).
    """

    target = messaging.Target(version='1.0')

    def __init__(self, cells, network=None):
        self.cells = cells
        self.network = network  # a tests.fake_network.FakeNetwork
        self.mode = 'schedule'
        self.casts = []
        self._done = threading.Semaphore(0)

    def wait(self, count=1, timeout=10):
        for _ in range(count):
            assert self._done.acquire(timeout=timeout), 'no cast arrived'

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, tags=None):
        self.casts.append({'build_requests': build_requests,
                           'request_specs': request_specs, 'image': image,
                           'tags': tags})
        try:
            if self.mode != 'hold':
                for build_request, spec in zip(build_requests,
                                               request_specs):
                    self._build(context, build_request, spec)
        finally:
            self._done.release()

    def _build(self, context, build_request, spec):
        instance = build_request.instance
        error = self.mode == 'error'
        if not error and self.network is not None:
            instance.network_info = self.network.allocate_for_instance(
                context, instance.uuid, instance.project_id, HOST,
                '127.0.0.1', spec.requested_networks,
                security_groups=spec.security_groups or None)
        cell = self.cells['cell0' if error else 'cell1']
        now = datetime.datetime.now(datetime.timezone.utc)
        with nl_context.target_cell(context, cell) as cctx:
            instance._context = cctx
            instance.task_state = None
            if error:
                instance.vm_state = 'error'
            else:
                instance.vm_state = 'active'
                instance.power_state = 1
                instance.host = instance.node = instance.launched_on = HOST
                instance.launched_at = now
                instance.availability_zone = 'nova'
            instance.create()
            if error:
                objects.InstanceFault(
                    cctx, instance_uuid=instance.uuid, code=500,
                    message='No valid host was found. There are not enough '
                            'hosts available.',
                    details='Traceback: NoValidHost', host=None).create()
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        mapping.cell_mapping = cell
        mapping.save()
        try:
            build_request.destroy()
        except exception.BuildRequestNotFound:
            with nl_context.target_cell(context, cell) as cctx:
                instance._context = cctx
                instance.destroy()


class FakeCompute:
    """terminate_instance on HOST: soft-deletes the instance at once;
    attach_interface and detach_interface (1.3) through the network
    stand-in, keeping the instance's network_info."""

    target = messaging.Target(version=versions.rpc_version('compute'))

    def __init__(self, cell, network=None):
        self.cell = cell
        self.network = network  # a tests.fake_network.FakeNetwork
        self.terminated = []
        self._done = threading.Semaphore(0)

    def _save_network_info(self, context, instance, network_info):
        with nl_context.target_cell(context, self.cell) as cctx:
            instance._context = cctx
            instance.network_info = network_info
            instance.save()

    def attach_interface(self, context, instance, network_id=None,
                         port_id=None, fixed_ip=None, tag=None):
        vif = self.network.attach_interface(
            context, instance.uuid, instance.project_id, HOST, '127.0.0.1',
            network_id=network_id, port_id=port_id, fixed_ip=fixed_ip,
            tag=tag)
        self._save_network_info(
            context, instance, list(instance.network_info or []) + [vif])
        return vif

    def detach_interface(self, context, instance, port_id):
        self.network.detach_interface(context, instance.uuid, port_id)
        self._save_network_info(
            context, instance, [vif for vif in instance.network_info or []
                                if vif['id'] != port_id])

    def wait(self, timeout=10):
        assert self._done.acquire(timeout=timeout), 'no terminate arrived'

    def terminate_instance(self, context, instance):
        try:
            if self.network is not None:
                self.network.deallocate_for_instance(context, instance.uuid)
            with nl_context.target_cell(context, self.cell) as cctx:
                instance._context = cctx
                instance.vm_state = 'deleted'
                instance.task_state = None
                instance.save()
                instance.destroy()
            self.terminated.append(instance.uuid)
        finally:
            self._done.release()


class FakePlacement:
    """Records the allocations the API deletes."""

    def __init__(self):
        self.deleted = []

    def delete_allocation_for_instance(self, consumer_uuid):
        self.deleted.append(consumer_uuid)
        return True


def start_rpc_server(topic, server, endpoint):
    rpc_server = rpc.get_server(messaging.Target(topic=topic, server=server),
                                [endpoint], executor_threads=2)
    rpc_server.start()
    return rpc_server
