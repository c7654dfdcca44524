# SPDX-License-Identifier: Apache-2.0
"""Helpers of the Networking handlers: JSON in and out, the context."""

import json

import webob

from nova_like.network import errors
from nova_like import wsgi_edge


def context(req):
    return req.environ['network.context']


def response(body=None, status=200):
    resp = webob.Response(status=status, content_type='application/json',
                          charset=None)
    if body is None:
        resp.content_type = None
        resp.body = b''
    else:
        resp.body = json.dumps(body).encode()
    return resp


def no_content():
    resp = webob.Response(status=204)
    resp.content_type = None
    return resp


def body(req, resource):
    """The request's body[resource] dict; 400 naming what is wrong."""
    try:
        data = wsgi_edge.load_json(req.body or b'{}')
    except wsgi_edge.BadInput as exc:
        raise errors.bad_input(exc)
    if not isinstance(data, dict) or not isinstance(data.get(resource),
                                                    dict):
        raise errors.bad_request(
            resource, 'Resource body required: {"%s": {...}}' % resource)
    return data[resource]


def url(req, path=''):
    return req.host_url + path


def rules_changed(req, group_ids=(), port_ids=()):
    """Tell the hosts that the rules of these groups or ports changed."""
    rules = req.environ.get('network.host_rules')
    if rules is not None:
        rules.rules_changed(None, group_ids, port_ids)


def members_changed(req, group_ids):
    """Tell the hosts that ports joined or left these groups."""
    rules = req.environ.get('network.host_rules')
    if rules is not None:
        rules.members_changed(None, set(group_ids))


def dhcp_changed(req, network_id):
    """Tell the DHCP seam that network_id's subnets or ports changed."""
    agent = req.environ.get('network.dhcp')
    if agent is not None:
        agent.network_changed(network_id)


def peers_changed(req, network_id):
    """Tell the hosts of network_id when ports were bound or unbound."""
    peers = req.environ.get('network.peers')
    if peers is not None:
        peers.network_changed(None, network_id)
