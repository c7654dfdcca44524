# SPDX-License-Identifier: Apache-2.0
"""The Networking app in this process: config, a client, a DHCP recorder."""

import json as jsonlib

from oslo_config import cfg
import webob

from nova_like.conf import network as network_conf
from nova_like.network import coalescer
from nova_like.network import wsgi


def make_conf(url, **network):
    """A ConfigOpts with the network groups; noauth2 and url as the DB."""
    conf = cfg.ConfigOpts()
    network_conf.register_opts(conf)
    conf.register_opt(cfg.StrOpt('host', default='nethost'))
    conf([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    conf.set_override('connection', url, 'network_database')
    conf.set_override('auth_strategy', 'noauth2', 'network_api')
    conf.set_override('network_vlan_ranges', ['public', 'physnet1:100:102'],
                      'network')
    conf.set_override('local_ip', '192.0.2.1', 'network')
    for key, value in network.items():
        conf.set_override(key, value, 'network')
    return conf


class RecordingDhcpDriver:
    """Records what the DHCP seam asks of the driver: ('sync', network)
    and ('disable', network_id)."""

    def __init__(self):
        self.calls = []

    def sync(self, network):
        self.calls.append(('sync', network))

    def disable(self, network_id):
        self.calls.append(('disable', network_id))

    def last_sync(self, network_id):
        for call, arg in reversed(self.calls):
            if call == 'sync' and arg['id'] == network_id:
                return arg
        return None


class Response:
    def __init__(self, resp):
        self.status_code = resp.status_int
        self.headers = resp.headers
        self.text = resp.body.decode('utf-8', 'replace')

    def json(self):
        return jsonlib.loads(self.text)


class Client:
    """requests-like calls of the app; token 'admin' or 'user:project'."""

    def __init__(self, app, token=wsgi.NOAUTH_TOKEN):
        self.app = app
        self.token = token

    def as_(self, token):
        return Client(self.app, token)

    def request(self, method, url, json=None):
        headers = {'Accept': 'application/json'}
        if self.token:
            headers['X-Auth-Token'] = self.token
        req = webob.Request.blank(url, method=method, headers=headers)
        if json is not None:
            req.body = jsonlib.dumps(json).encode()
            req.content_type = 'application/json'
        resp = req.get_response(self.app)
        # What the request handed to the background (DHCP, hosts) has run.
        coalescer.flush_all()
        return Response(resp)

    def get(self, url):
        return self.request('GET', url)

    def post(self, url, json=None):
        return self.request('POST', url, json)

    def put(self, url, json=None):
        return self.request('PUT', url, json)

    def delete(self, url):
        return self.request('DELETE', url)

    def create(self, resource, collection=None, expect=201, **body):
        """POST /v2.0/<collection> {resource: body}; the resource."""
        collection = collection or resource + 's'
        resp = self.post('/v2.0/%s' % collection, {resource: body})
        assert resp.status_code == expect, resp.text
        return resp.json()[resource] if expect == 201 else resp.json()


class RecordingCompute:
    """Stands in for compute's RPC client: records every cast to hosts."""

    def __init__(self):
        self.refreshed = []
        self.rules = []
        self.members = []

    def refresh_network(self, context, host, network):
        self.refreshed.append((host, network))

    def refresh_port_rules(self, context, host, vifs):
        self.rules.append((host, vifs))

    def refresh_security_group_members(self, context, host, group_id,
                                       addresses):
        self.members.append((host, group_id, addresses))
