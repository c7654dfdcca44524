# SPDX-License-Identifier: Apache-2.0
"""An in-process Placement client: requests-like calls without HTTP.

    with PlacementDirect(conf) as client:
        resp = client.get('/resource_providers', microversion='1.39')
        resp.json()
"""

import json as jsonlib

import webob

from nova_like.placement import wsgi


class Response:
    """The parts of requests.Response that callers use."""

    def __init__(self, resp):
        self.status_code = resp.status_int
        self.headers = resp.headers
        self.content = resp.body
        self.text = resp.body.decode('utf-8', 'replace')

    @property
    def ok(self):
        return self.status_code < 400

    def json(self):
        return jsonlib.loads(self.content)

    def __bool__(self):
        return self.ok


class PlacementDirect:
    """Call a Placement WSGI app in this process as an admin."""

    def __init__(self, conf=None, app=None, token=wsgi.NOAUTH_TOKEN,
                 microversion=None):
        self.app = app or wsgi.init_application(conf)
        self.token = token
        self.microversion = microversion

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def request(self, method, url, json=None, headers=None,
                microversion=None):
        all_headers = {'Accept': 'application/json'}
        if self.token:
            all_headers['X-Auth-Token'] = self.token
        version = microversion or self.microversion
        if version:
            all_headers['OpenStack-API-Version'] = 'placement %s' % version
        body = None
        if json is not None:
            body = jsonlib.dumps(json).encode()
            all_headers['Content-Type'] = 'application/json'
        all_headers.update(headers or {})
        req = webob.Request.blank(url, method=method, headers=all_headers)
        if body is not None:
            req.body = body
        return Response(req.get_response(self.app))

    def get(self, url, **kwargs):
        return self.request('GET', url, **kwargs)

    def post(self, url, json=None, **kwargs):
        return self.request('POST', url, json=json, **kwargs)

    def put(self, url, json=None, **kwargs):
        return self.request('PUT', url, json=json, **kwargs)

    def delete(self, url, **kwargs):
        return self.request('DELETE', url, **kwargs)
