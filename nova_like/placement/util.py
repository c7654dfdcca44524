# SPDX-License-Identifier: Apache-2.0
"""Request and response helpers shared by every Placement handler."""

import datetime
import email.utils
import functools
import json
import re
import uuid as uuid_lib

import jsonschema
import webob
import webob.dec

from nova_like.placement import errors
from nova_like import wsgi_edge

_UUID_RE = re.compile(
    r'^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?'
    r'[0-9a-fA-F]{12}$')


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def is_uuid(value):
    return isinstance(value, str) and bool(_UUID_RE.match(value))


def normalize_uuid(value):
    return str(uuid_lib.UUID(value))


def wsgify(func):
    """Make func(req) -> Response a WSGI callable, keeping its attributes."""
    app = webob.dec.wsgify(func)
    functools.update_wrapper(app, func)
    for attr in ('min_version', 'max_version', 'status_code'):
        if hasattr(func, attr):
            setattr(app, attr, getattr(func, attr))
    return app


def require_content(content_type):
    """Answer 415 unless the request body is of content_type."""
    def decorate(func):
        @functools.wraps(func)
        def wrapper(req, *args, **kwargs):
            if req.content_type != content_type:
                shown = req.content_type or 'None'
                raise errors.UnsupportedMediaType(
                    'The media type %s is not supported, use %s'
                    % (shown, content_type))
            return func(req, *args, **kwargs)
        return wrapper
    return decorate


def check_accept(*types):
    """Answer 406 when the Accept header allows none of types."""
    def decorate(func):
        @functools.wraps(func)
        def wrapper(req, *args, **kwargs):
            if req.accept and not req.accept.acceptable_offers(list(types)):
                raise errors.NotAcceptable(
                    'Only %s is provided' % ', '.join(types))
            return func(req, *args, **kwargs)
        return wrapper
    return decorate


def _where(error):
    path = '/'.join(str(p) for p in error.absolute_path)
    return (' (at %s)' % path) if path else ''


def extract_json(body, schema):
    """Parse JSON body, validate it against schema; a 400 names the field."""
    try:
        data = wsgi_edge.load_json(body)
    except wsgi_edge.BadInput as exc:
        if exc.status == 400:
            raise errors.BadRequest('Malformed JSON: %s' % exc.message)
        raise errors.bad_input(exc)
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise errors.BadRequest('JSON does not validate: %s%s'
                                % (error.message, _where(error)))
    return data


def validate_query(req, schema):
    """Validate the query string (single values) against a JSON schema."""
    params = {}
    for key in req.GET.keys():
        values = req.GET.getall(key)
        params[key] = values[0] if len(values) == 1 else values
    validator = jsonschema.Draft4Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(params))
    if error is not None:
        raise errors.BadRequest('Invalid query string parameters: %s%s'
                                % (error.message, _where(error)))
    return params


def json_response(req, body, status=200, last_modified=None):
    """A JSON response with the cache headers the microversion asks for.

    :param body: what to encode, or bytes already encoded.
    """
    resp = webob.Response(status=status, content_type='application/json',
                          charset=None)
    if not isinstance(body, bytes):
        body = json.dumps(body, separators=(',', ':')).encode()
    resp.body = body
    if req.environ['placement.microversion'] >= (1, 15):
        resp.cache_control = 'no-cache'
        resp.headers['Last-Modified'] = http_date(last_modified)
    return resp


def http_date(when=None):
    when = when or utcnow()
    return email.utils.format_datetime(
        when.replace(tzinfo=datetime.timezone.utc), usegmt=True)


def latest(*times):
    """The most recent of the timestamps given, ignoring None."""
    present = [t for t in times if t is not None]
    return max(present) if present else None


def no_content():
    return webob.Response(status=204, content_type=None, charset=None)


def context(req):
    return req.environ['placement.context']


def microversion(req):
    return req.environ['placement.microversion']


def resource_provider_url(uuid):
    return '/resource_providers/%s' % uuid


def query_single(req, name):
    """The one value of query parameter name, or None; 400 when repeated."""
    values = req.GET.getall(name)
    if len(values) > 1:
        raise errors.BadRequest(
            'Query parameter %r may be given only once' % name,
            code=errors.ILLEGAL_DUPLICATE_QUERYPARAM)
    return values[0] if values else None
