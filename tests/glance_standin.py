# SPDX-License-Identifier: Apache-2.0
"""A Glance stand-in on a free loopback port: GET /v2/images/{id} and its /file, from local files."""

import hashlib
import http.server
import json
import os
import threading
import uuid

from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import session as ks_session

from nova_like.clients import glance as glance_client


class GlanceStandIn:
    """Serves images registered with add(); no auth."""

    def __init__(self):
        self.images = {}
        self.files = {}
        self.downloads = []
        standin = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = self.path.strip('/').split('/')
                image = standin.images.get(parts[2]) if len(parts) > 2 \
                    else None
                if image is None:
                    self.send_error(404)
                    return
                if parts[-1] == 'file':
                    standin.downloads.append(parts[2])
                    with open(standin.files[parts[2]], 'rb') as f:
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
        self.thread = threading.Thread(target=self.server.serve_forever,
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


