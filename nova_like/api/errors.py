# SPDX-License-Identifier: Apache-2.0
"""Nova's error bodies: {"itemNotFound": {"code": 404, "message": "..."}}."""

import webob
import webob.exc
from oslo_serialization import jsonutils

# As Nova names them; any other status (406, 500, ...) is a computeFault.
_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}


def fault_response(status, message, headers=None):
    """A webob Response carrying Nova's JSON error body."""
    name = _NAMES.get(status, 'computeFault')
    body = {name: {'code': status, 'message': message}}
    response = webob.Response(status=status)
    # As Nova's error responses (webob adds no charset to application/json).
    response.headers['Content-Type'] = 'application/json; charset=UTF-8'
    response.body = jsonutils.dump_as_bytes(body)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def bad_request(message):
    return webob.exc.HTTPBadRequest(explanation=message)


def not_found(message):
    return webob.exc.HTTPNotFound(explanation=message)


def conflict(message):
    return webob.exc.HTTPConflict(explanation=message)


def forbidden(message):
    return webob.exc.HTTPForbidden(explanation=message)


def not_implemented(message):
    return webob.exc.HTTPNotImplemented(explanation=message)
