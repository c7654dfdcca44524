# SPDX-License-Identifier: Apache-2.0
"""The Block Storage app and the volume manager in this process."""

import json as jsonlib
import time

from oslo_config import cfg
import webob

from nova_like.conf import upgrade_levels
from nova_like.conf import volume as volume_conf
from nova_like.volume import wsgi

HOST = 'volhost'


def make_conf(url, volumes_dir, **volume):
    """A ConfigOpts with the volume groups; noauth2, url as the DB and
    volumes as files in volumes_dir."""
    conf = cfg.ConfigOpts()
    volume_conf.register_opts(conf)
    upgrade_levels.register_opts(conf)
    conf.register_opt(cfg.StrOpt('host', default=HOST))
    conf([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    conf.set_override('connection', url, 'volume_database')
    conf.set_override('auth_strategy', 'noauth2', 'volume_api')
    conf.set_override('volumes_dir', str(volumes_dir), 'volume')
    for key, value in volume.items():
        conf.set_override(key, value, 'volume')
    return conf


class Response:
    def __init__(self, resp):
        self.status_code = resp.status_int
        self.headers = resp.headers
        self.text = resp.body.decode('utf-8', 'replace')

    def json(self):
        return jsonlib.loads(self.text)


class Client:
    """requests-like calls of the app; token 'admin' or 'user:project',
    paths relative to /v3/<the token's project>."""

    def __init__(self, app, token=wsgi.NOAUTH_TOKEN, version=None):
        self.app = app
        self.token = token
        self.version = version

    @property
    def project(self):
        return 'admin' if self.token == wsgi.NOAUTH_TOKEN else \
            self.token.split(':')[1]

    def as_(self, token, version=None):
        return Client(self.app, token, version or self.version)

    def at(self, version):
        return Client(self.app, self.token, version)

    def request(self, method, path, json=None, raw=False, headers=None):
        url = path if raw else '/v3/%s%s' % (self.project, path)
        all_headers = {'Accept': 'application/json'}
        if self.token:
            all_headers['X-Auth-Token'] = self.token
        if self.version:
            all_headers['OpenStack-API-Version'] = 'volume ' + self.version
        all_headers.update(headers or {})
        req = webob.Request.blank(url, method=method, headers=all_headers)
        if json is not None:
            req.body = jsonlib.dumps(json).encode()
            req.content_type = 'application/json'
        return Response(req.get_response(self.app))

    def get(self, path, **kw):
        return self.request('GET', path, **kw)

    def post(self, path, json=None, **kw):
        return self.request('POST', path, json, **kw)

    def put(self, path, json=None, **kw):
        return self.request('PUT', path, json, **kw)

    def delete(self, path, **kw):
        return self.request('DELETE', path, **kw)

    def create_volume(self, expect=202, **body):
        body.setdefault('size', 1)
        resp = self.post('/volumes', {'volume': body})
        assert resp.status_code == expect, resp.text
        return resp.json()['volume'] if expect == 202 else resp.json()

    def wait_status(self, volume_id, *statuses, timeout=10):
        """The volume once its status is one of statuses."""
        deadline = time.monotonic() + timeout
        while True:
            resp = self.get('/volumes/%s' % volume_id)
            if resp.status_code == 404 and 'deleted' in statuses:
                return None
            volume = resp.json().get('volume', {})
            if volume.get('status') in statuses:
                return volume
            assert time.monotonic() < deadline, (
                'volume %s is %s, not %s' % (volume_id, resp.text,
                                               statuses))
            time.sleep(0.02)
