# SPDX-License-Identifier: Apache-2.0
"""A Block Storage v3 stand-in on a free loopback port, no auth.

What the compute side uses, with Cinder's shapes, status codes and
state changes: GET and DELETE /v3/{project}/volumes/{id}, and the
attachments API (POST /attachments, PUT /attachments/{id}, POST
/attachments/{id}/action os-complete, DELETE /attachments/{id}). Each
volume is a sparse file; an attachment updated with a connector answers
'local' connection_info naming that file. Every request is recorded
(method, path, microversion header, body) in `requests`; `fail` makes the
next matching requests answer an error, as a broken volume service would.
"""

import http.server
import json
import os
import re
import threading
import uuid

MIB = 1024 * 1024


class VolumeStandIn:
    """volumes: {id: dict}; attachments: {id: dict}; both editable."""

    def __init__(self, directory):
        self.directory = str(directory)
        self.volumes = {}
        self.attachments = {}
        self.requests = []
        # The driver_volume_type of the connection_info it answers.
        self.kind = 'local'
        # (method, path regex) -> (status, message): answered instead.
        self.fail = {}
        self.lock = threading.Lock()
        standin = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body=None):
                data = json.dumps(body).encode() if body is not None \
                    else b''
                self.send_response(status)
                if data:
                    self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data)))
                self.send_header('OpenStack-API-Version', 'volume 3.44')
                self.end_headers()
                self.wfile.write(data)

            def _handle(self):
                length = int(self.headers.get('Content-Length') or 0)
                raw = self.rfile.read(length) if length else b''
                body = json.loads(raw) if raw else None
                standin.requests.append({
                    'method': self.command, 'path': self.path,
                    'version': self.headers.get('OpenStack-API-Version'),
                    'token': self.headers.get('X-Auth-Token'),
                    'service_token': self.headers.get('X-Service-Token'),
                    'body': body})
                status, answer = standin.dispatch(self.command, self.path,
                                                  body)
                self._answer(status, answer)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0),
                                                      Handler)
        self.url = 'http://127.0.0.1:%d/v3/%%(project_id)s' % \
            self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={'poll_interval': 0.05},
                                       daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # What tests set up

    def create_volume(self, project_id, size_mb=1, name='vol',
                      multiattach=False):
        """An available volume of project_id; its id."""
        volume_id = str(uuid.uuid4())
        path = os.path.join(self.directory, 'volume-' + volume_id)
        with open(path, 'wb') as f:
            f.truncate(size_mb * MIB)
        self.volumes[volume_id] = {
            'id': volume_id, 'name': name, 'project_id': project_id,
            'size': 1, 'status': 'available', 'attach_status': 'detached',
            'multiattach': multiattach, 'path': path, 'attachments': []}
        return volume_id

    def calls(self, method=None):
        """[(method, path without the /v3/{project} prefix)] so far."""
        return [(r['method'], re.sub(r'^/v3/[^/]+/', '', r['path']))
                for r in self.requests
                if method is None or r['method'] == method]

    # The API

    @staticmethod
    def _fault(status, message):
        name = {400: 'badRequest', 404: 'itemNotFound', 409:
                'conflictingRequest'}.get(status, 'computeFault')
        return status, {name: {'message': message, 'code': status}}

    def dispatch(self, method, path, body):
        match = re.match(r'^/v3/([^/]+)/(.*)$', path)
        if not match:
            return self._fault(404, 'Resource could not be found.')
        project, rest = match.groups()
        for (fail_method, pattern), (status, message) in self.fail.items():
            if fail_method == method and re.match(pattern, rest):
                return self._fault(status, message)
        with self.lock:
            return self._route(method, project, rest, body or {})

    def _volume(self, project, volume_id):
        volume = self.volumes.get(volume_id)
        if volume is None or volume['project_id'] != project:
            return None
        return volume

    def _route(self, method, project, rest, body):
        parts = rest.split('/')
        if parts[0] == 'volumes' and len(parts) == 2:
            volume = self._volume(project, parts[1])
            if volume is None:
                return self._fault(404, 'Volume %s could not be found.'
                                   % parts[1])
            if method == 'GET':
                return 200, {'volume': self._show(volume)}
            if method == 'DELETE':
                if volume['attachments']:
                    return self._fault(400, 'Invalid volume: Volume status '
                                       'must be available or error or ... '
                                       'and must not be migrating, '
                                       'attached, belong to a group, have '
                                       'snapshots or be disassociated from '
                                       'snapshots after volume transfer.')
                del self.volumes[volume['id']]
                os.unlink(volume['path'])
                return 202, None
        if parts[0] == 'attachments':
            if len(parts) == 1 and method == 'POST':
                return self._attachment_create(project, body['attachment'])
            attachment = self.attachments.get(parts[1])
            if attachment is None or \
                    self.volumes.get(attachment['volume_id'], {}).get(
                        'project_id') != project:
                return self._fault(404, 'VolumeAttachment %s could not be '
                                   'found.' % parts[1])
            if len(parts) == 3 and method == 'POST':
                if 'os-complete' not in body:
                    return self._fault(400, 'unknown action')
                attachment['attach_status'] = 'attached'
                volume = self.volumes[attachment['volume_id']]
                volume['status'] = 'in-use'
                volume['attach_status'] = 'attached'
                return 204, None
            if method == 'PUT':
                return self._attachment_update(attachment,
                                               body['attachment'])
            if method == 'DELETE':
                del self.attachments[attachment['id']]
                volume = self.volumes.get(attachment['volume_id'])
                if volume is not None:
                    volume['attachments'].remove(attachment['id'])
                    if not volume['attachments']:
                        volume['status'] = 'available'
                        volume['attach_status'] = 'detached'
                return 200, {'attachments': []}
        return self._fault(404, 'Resource could not be found.')

    def _attachment_create(self, project, wanted):
        volume = self._volume(project, wanted['volume_uuid'])
        if volume is None:
            return self._fault(404, 'Volume %s could not be found.'
                               % wanted['volume_uuid'])
        if volume['attachments'] and not volume['multiattach']:
            return self._fault(
                400, 'Invalid volume: Volume %s status must be available or '
                'downloading to reserve, but the current status is %s.'
                % (volume['id'], volume['status']))
        attachment = {'id': str(uuid.uuid4()), 'volume_id': volume['id'],
                      'instance': wanted['instance_uuid'],
                      'status': 'reserved', 'attach_status': 'reserved',
                      'attach_mode': 'rw', 'connection_info': {},
                      'connector': None, 'attached_at': None,
                      'detached_at': None}
        self.attachments[attachment['id']] = attachment
        volume['attachments'].append(attachment['id'])
        volume['status'] = 'reserved'
        return 200, {'attachment': dict(attachment)}

    def _attachment_update(self, attachment, wanted):
        connector = wanted.get('connector')
        if not connector:
            return self._fault(400, 'Invalid input received: connector is '
                               'required')
        volume = self.volumes[attachment['volume_id']]
        attachment['connector'] = connector
        attachment['status'] = 'attaching'
        attachment['connection_info'] = {
            'driver_volume_type': self.kind,
            'data': {'device_path': volume['path'], 'format': 'raw',
                     'access_mode': 'rw', 'volume_id': volume['id']}}
        volume['status'] = 'attaching'
        return 200, {'attachment': dict(attachment)}

    @staticmethod
    def _show(volume):
        return {key: volume[key] for key in
                ('id', 'name', 'size', 'status', 'multiattach')} | {
            'attachments': [], 'bootable': 'false'}
