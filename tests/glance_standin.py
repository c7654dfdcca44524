# SPDX-License-Identifier: Apache-2.0
"""A Glance stand-in on a free loopback port, no auth.

GET /v2/images/{id} and its /file; the list, DELETE and PATCH (JSON
patch of attributes), as far as the image proxy needs them.
"""

import hashlib
import http.server
import json
import os
import threading
import urllib.parse
import uuid

from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import session as ks_session

from nova_like.clients import glance as glance_client

# Images every stand-in serves (metadata only, no data): an active cirros,
# one still uploading, and one too big for the small flavors.
IMAGE_ID = 'd3c57398-867c-40ad-a6f3-8041fbf3740f'
QUEUED_IMAGE_ID = '0e7d6f0a-5f35-4bfa-9c2e-6b5c8e4b2a11'
BIG_IMAGE_ID = '5b9a1c43-2d3e-4f6a-8b7c-9d0e1f2a3b4c'


def image_body(image_id, name, status='active', min_disk=0, min_ram=0,
               size=16338944, **properties):
    """GET /v2/images/{id}'s body as Glance answers it; properties added."""
    body = {'id': image_id, 'name': name, 'status': status,
            'created_at': '2026-11-01T00:00:00Z',
            'updated_at': '2026-11-01T00:00:00Z',
            'min_disk': min_disk, 'min_ram': min_ram, 'size': size,
            'disk_format': 'qcow2', 'container_format': 'bare',
            'visibility': 'public', 'owner': 'admin', 'tags': [],
            'self': '/v2/images/%s' % image_id, 'schema': '/v2/schemas/image'}
    body.update(properties)
    return body


class GlanceStandIn:
    """Serves, from the moment it is made, the sample images and those
    registered with add(); images is {id: body}, editable in place."""

    def __init__(self):
        self.images = {
            IMAGE_ID: image_body(IMAGE_ID, 'cirros'),
            QUEUED_IMAGE_ID: image_body(QUEUED_IMAGE_ID, 'uploading',
                                        status='queued'),
            BIG_IMAGE_ID: image_body(BIG_IMAGE_ID, 'big', min_disk=50,
                                     min_ram=4096, hw_disk_bus='scsi'),
        }
        self.files = {}
        self.downloads = []
        standin = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _list(self, query):
                """GET /v2/images: exact filters on any attribute,
                updated_at=gte:..., marker and limit, by id."""
                query = {k: v[-1] for k, v in
                         urllib.parse.parse_qs(query).items()}
                limit = int(query.pop('limit', 1000))
                marker = query.pop('marker', None)
                since = query.pop('updated_at', 'gte:')[4:]
                found = sorted(standin.images.values(),
                               key=lambda image: image['id'])
                if marker is not None:
                    ids = [image['id'] for image in found]
                    if marker not in ids:
                        self.send_error(400)
                        return
                    found = found[ids.index(marker) + 1:]
                found = [image for image in found
                         if all(str(image.get(k)) == v
                                for k, v in query.items())
                         and image.get('updated_at', '') >= since]
                self._json(200, {'images': found[:limit]})

            def do_DELETE(self):
                image_id = self.path.strip('/').split('/')[-1]
                if standin.images.pop(image_id, None) is None:
                    self.send_error(404)
                    return
                self.send_response(204)
                self.end_headers()

            def do_PATCH(self):
                image = standin.images.get(self.path.strip('/').split('/')[-1])
                patch = json.loads(self.rfile.read(
                    int(self.headers['Content-Length'])))
                if image is None:
                    self.send_error(404)
                    return
                for change in patch:
                    key = change['path'].lstrip('/')
                    if change['op'] == 'remove':
                        image.pop(key, None)
                    else:
                        image[key] = change['value']
                self._json(200, image)

            def do_GET(self):
                path, _, query = self.path.partition('?')
                if path.rstrip('/') == '/v2/images':
                    self._list(query)
                    return
                parts = path.strip('/').split('/')
                image_id = parts[2] if len(parts) > 2 else None
                image = standin.images.get(image_id)
                wants_file = parts[-1] == 'file'
                if image is None or (wants_file and
                                     image_id not in standin.files):
                    self.send_error(404)
                    return
                if wants_file:
                    standin.downloads.append(image_id)
                    with open(standin.files[image_id], 'rb') as f:
                        body = f.read()
                    kind = 'application/octet-stream'
                else:
                    body = json.dumps(image).encode()
                    kind = 'application/json'
                self.send_response(200)
                self.send_header('Content-Type', kind)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0),
                                                      Handler)
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        # stop() waits for the loop to notice, up to one poll_interval.
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={'poll_interval': 0.05},
                                       daemon=True)
        self.thread.start()

    def add(self, path, disk_format='qcow2', image_id=None, **properties):
        """Register the file at path as an active image; returns its dict.

        properties override any attribute (a wrong os_hash_value...).
        """
        with open(path, 'rb') as f:
            data = f.read()
        image_id = image_id or str(uuid.uuid4())
        image = {'id': image_id, 'name': os.path.basename(path),
                 'status': 'active', 'disk_format': disk_format,
                 'container_format': 'bare', 'size': len(data),
                 'min_disk': 0, 'min_ram': 0, 'visibility': 'public',
                 'checksum': hashlib.md5(data).hexdigest(),
                 'os_hash_algo': 'sha512',
                 'os_hash_value': hashlib.sha512(data).hexdigest()}
        image.update(properties)
        self.images[image_id] = image
        self.files[image_id] = path
        return glance_client.GlanceClient._to_dict(image)

    def client(self):
        session = ks_session.Session()
        return glance_client.GlanceClient(ks_adapter.Adapter(
            session, endpoint_override=self.url))

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
