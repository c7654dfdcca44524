# SPDX-License-Identifier: Apache-2.0
"""Helpers of the Networking handlers: JSON in and out, the context."""

import json

import webob

from nova_like.network import errors
from nova_like import wsgi_edge

# The widest id column (project_id, device_id) is 255 characters.
MAX_ID_LENGTH = 255


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
    _check_ids(data[resource])
    return data[resource]


def _is_id(key):
    return key in ('id', 'tenant_id', 'project_id') or (
        key.endswith('_id') and not key.endswith('segmentation_id'))


def _check_ids(document):
    """400 for an id (id, project_id, network_id, ... at any depth) that
    is neither a string nor null, or longer than MAX_ID_LENGTH: no id is a
    number, list or object, and none is longer than its column."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if _is_id(key) and item is not None and \
                        not isinstance(item, str):
                    raise errors.bad_request(
                        key, "'%s' is not a valid string" % (item,))
                if isinstance(item, str) and len(item) > MAX_ID_LENGTH \
                        and _is_id(key):
                    raise errors.bad_request(
                        key, "'%s...' exceeds maximum length of %d"
                        % (item[:32], MAX_ID_LENGTH))
                stack.append(item)


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
