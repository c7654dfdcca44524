# SPDX-License-Identifier: Apache-2.0
"""JSON Schema checks of request bodies and query strings.

What fails is a 400 with Nova's message.
"""

import base64
import binascii

import jsonschema
import webob.exc
from jsonschema import exceptions as js_exc
from oslo_utils import uuidutils

from nova_like.api import errors
from nova_like import wsgi_edge

_checker = jsonschema.FormatChecker()


@_checker.checks('uuid')
def _is_uuid(instance):
    if not isinstance(instance, str):
        return True
    return uuidutils.is_uuid_like(instance)


@_checker.checks('base64')
def _is_base64(instance):
    if not isinstance(instance, str):
        return True
    try:
        base64.b64decode(instance, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _best(error):
    # Of several oneOf/anyOf branches, report the deepest, most specific one.
    return js_exc.best_match([error]) if error.context else error


def _validate(schema, document, is_body):
    validator = jsonschema.Draft4Validator(schema, format_checker=_checker)
    try:
        validator.validate(document)
    except js_exc.ValidationError as exc:
        exc = _best(exc)
        if exc.validator == 'format' and exc.validator_value == 'uuid':
            message = "%r is not a 'uuid'" % (exc.instance,)
        else:
            message = exc.message
        if exc.absolute_path:
            # Nova names the innermost field only.
            path = exc.absolute_path[-1]
            if is_body:
                detail = ('Invalid input for field/attribute %s. Value: %s. '
                          '%s' % (path, exc.instance, message))
            else:
                detail = ('Invalid input for query parameters %s. Value: %s. '
                          '%s' % (path, exc.instance, message))
        else:
            detail = message
        raise errors.bad_request(detail)


def body(request, schema):
    """The request's JSON body, validated against schema.

    :raises: HTTPBadRequest naming the field and the rule broken.
    """
    if not request.body:
        raise errors.bad_request('The request body is missing or empty.')
    try:
        document = wsgi_edge.load_json(request.body)
    except wsgi_edge.BadInput as exc:
        if exc.status == 413:
            raise webob.exc.HTTPRequestEntityTooLarge(
                explanation=exc.message)
        raise errors.bad_request('Malformed request body: %s'
                                 % exc.message)
    _validate(schema, document, is_body=True)
    return document


def query(request, schema):
    """The query string as {name: [values]}, validated against schema.

    Every property of a query schema describes an array of strings, since
    a parameter may be repeated.
    """
    params = {}
    for key, value in request.GET.items():
        params.setdefault(key, []).append(value)
    _validate(schema, params, is_body=False)
    return params


def last(params, name, default=None):
    """The last value of a repeated query parameter."""
    values = params.get(name)
    return values[-1] if values else default


def value(schema, document, what):
    """Check one value that is not a body (a tag in the URL).

    :raises: HTTPBadRequest starting with what.
    """
    try:
        _validate(schema, document, is_body=False)
    except webob.exc.HTTPBadRequest as exc:
        raise errors.bad_request('%s: %s' % (what, exc.explanation))
