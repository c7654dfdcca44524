# SPDX-License-Identifier: Apache-2.0
"""In-process stand-ins for the API's tests: Glance over HTTP, a conductor and a compute endpoint on the fake transport."""

import datetime
import json
import threading
import wsgiref.simple_server

import oslo_messaging as messaging

from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like import rpc

IMAGE_ID = 'd3c57398-867c-40ad-a6f3-8041fbf3740f'
QUEUED_IMAGE_ID = '0e7d6f0a-5f35-4bfa-9c2e-6b5c8e4b2a11'
BIG_IMAGE_ID = '5b9a1c43-2d3e-4f6a-8b7c-9d0e1f2a3b4c'
HOST = 'fake-host'


def _image(image_id, name, status='active', min_disk=0, min_ram=0,
           size=16338944, **properties):
    body = {'id': image_id, 'name': name, 'status': status,
            'min_disk': min_disk, 'min_ram': min_ram, 'size': size,
            'disk_format': 'qcow2', 'container_format': 'bare',
            'visibility': 'public', 'owner': 'admin', 'tags': [],
            'self': '/v2/images/%s' % image_id, 'schema': '/v2/schemas/image'}
    body.update(properties)
    return body


class GlanceStandIn:
    """GET /v2/images/{id} on a free 127.0.0.1 port (wsgiref, one thread)."""

    def __init__(self):
        self.images = {
            IMAGE_ID: _image(IMAGE_ID, 'cirros'),
            QUEUED_IMAGE_ID: _image(QUEUED_IMAGE_ID, 'uploading',
                                    status='queued'),
            BIG_IMAGE_ID: _image(BIG_IMAGE_ID, 'big', min_disk=50,
                                 min_ram=4096, hw_disk_bus='scsi'),
        }
        self.requests = []
        self._server = wsgiref.simple_server.make_server(
            '127.0.0.1', 0, self._app,
            handler_class=_QuietHandler)
        # stop() waits for the loop to notice, up to one poll_interval.
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={'poll_interval': 0.05},
                                        daemon=True)

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self._server.server_port

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def _app(self, environ, start_response):
        path = environ['PATH_INFO']
        self.requests.append(path)
        image_id = path.rsplit('/', 1)[-1]
        if path.startswith('/v2/images/') and image_id in self.images:
            body = json.dumps(self.images[image_id]).encode()
            start_response('200 OK', [('Content-Type', 'application/json')])
            return [body]
        start_response('404 Not Found', [('Content-Type', 'text/plain')])
        return [b'404 Not Found: no image ' + image_id.encode()]


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


class FakeConductor:
    """Receives schedule_and_build_instances and plays the conductor's part.

    mode 'schedule': the instance goes to cell1 on HOST, ACTIVE; 'error':
    to cell0 in ERROR with a fault; 'hold': nothing happens (BUILD stays).
    """

    target = messaging.Target(version='1.0')

    def __init__(self, cells):
        self.cells = cells
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
                for build_request in build_requests:
                    self._build(context, build_request)
        finally:
            self._done.release()

    def _build(self, context, build_request):
        instance = build_request.instance
        error = self.mode == 'error'
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
    """terminate_instance on HOST: soft-deletes the instance at once."""

    target = messaging.Target(version='1.0')

    def __init__(self, cell):
        self.cell = cell
        self.terminated = []
        self._done = threading.Semaphore(0)

    def wait(self, timeout=10):
        assert self._done.acquire(timeout=timeout), 'no terminate arrived'

    def terminate_instance(self, context, instance):
        try:
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
