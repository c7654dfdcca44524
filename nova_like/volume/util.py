# SPDX-License-Identifier: Apache-2.0
"""Helpers of the Block Storage handlers: JSON in and out, the context."""

import json
import re

import webob

from nova_like.volume import errors
from nova_like import wsgi_edge


def context(req):
    return req.environ['volume.context']


def version(req):
    """The microversion of the request, as (3, N)."""
    return req.environ['volume.microversion']


def response(body=None, status=200):
    resp = webob.Response(status=status, content_type='application/json',
                          charset=None)
    if body is None:
        resp.content_type = None
        resp.body = b''
    else:
        resp.body = json.dumps(body).encode()
    return resp


def accepted(body=None):
    return response(body, 202)


def body(req, resource=None):
    """The request's JSON body (its [resource] dict when named); 400
    naming what is wrong."""
    if not req.body:
        raise errors.bad_request('The request body is missing or empty.')
    try:
        data = wsgi_edge.load_json(req.body)
    except wsgi_edge.BadInput as exc:
        raise errors.bad_input(exc)
    if not isinstance(data, dict):
        raise errors.bad_request('The request body must be a JSON object.')
    if resource is None:
        return data
    if not isinstance(data.get(resource), dict):
        raise errors.bad_request("Missing required element '%s' in request "
                                 "body." % resource)
    return data[resource]


def non_negative_int(key, value):
    """int(value) for a query parameter of ASCII digits; 400 otherwise
    (str.isdigit() also holds for '\u00b2', which int() refuses)."""
    if not re.fullmatch('[0-9]+', value):
        raise errors.bad_request('%s param must be an integer >= 0, not %s'
                                 % (key, value))
    return int(value)


def project_url(req, path=''):
    """The URL of path under this request's /v3/{project_id}."""
    return '%s/v3/%s%s' % (req.host_url, req.urlvars['project_id'], path)


def links(req, collection, resource_id):
    return [{'href': project_url(req, '/%s/%s' % (collection, resource_id)),
             'rel': 'self'},
            {'href': '%s/%s/%s/%s' % (req.host_url, req.urlvars['project_id'],
                                      collection, resource_id),
             'rel': 'bookmark'}]


def isotime(value):
    return value.isoformat() if value is not None else None
