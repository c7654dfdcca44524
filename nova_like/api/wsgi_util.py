# SPDX-License-Identifier: Apache-2.0
"""Small helpers the handlers share: JSON responses and bodies."""

import webob
from oslo_serialization import jsonutils


def json_response(body, status=200, headers=None):
    response = webob.Response(status=status, charset='UTF-8',
                              content_type='application/json')
    response.body = jsonutils.dump_as_bytes(body)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def context_of(request):
    """The RequestContext the auth middleware built for request."""
    return request.environ['nova_like.context']


def empty_response(status):
    """A bodiless response (204 for DELETE, 202 for some actions)."""
    response = webob.Response(status=status)
    response.headers['Content-Type'] = 'application/json'
    response.body = b''
    return response
