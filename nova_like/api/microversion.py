# SPDX-License-Identifier: Apache-2.0
"""Compute API microversions: range served, negotiation, versioned handlers.

The microversion is negotiated from the request headers.
"""

import functools
import re

import microversion_parse
import webob.exc

MIN_VERSION = (2, 1)
MAX_VERSION = (2, 100)
SERVICE_TYPE = 'compute'
STANDARD_HEADER = 'OpenStack-API-Version'
LEGACY_HEADER = 'X-OpenStack-Nova-API-Version'
ENVIRON_KEY = 'nova_like.api_version'
_VERSION_RE = re.compile(r'^([1-9]\d*)\.(0|[1-9]\d*)$')


def to_str(version):
    return '%d.%d' % version


def parse(text):
    """'2.37' -> (2, 37); raises ValueError for anything else."""
    match = _VERSION_RE.match(text.strip())
    if not match:
        raise ValueError(text)
    return int(match.group(1)), int(match.group(2))


def requested(headers):
    """The raw version text a request asked for, or None."""
    # Only the headers it reads: microversion_parse copies whatever it is
    # given, and webob's headers are translated key by key.
    mine = {name: headers[name] for name in (STANDARD_HEADER, LEGACY_HEADER)
            if name in headers}
    return microversion_parse.get_version(
        mine, service_type=SERVICE_TYPE, legacy_headers=[LEGACY_HEADER])


def negotiate(headers):
    """The version a request asks for, as a tuple.

    :raises: HTTPBadRequest for a malformed version, HTTPNotAcceptable for
        one outside [MIN_VERSION, MAX_VERSION].
    """
    wanted = requested(headers)
    if wanted is None:
        return MIN_VERSION
    if wanted.strip().lower() == 'latest':
        return MAX_VERSION
    try:
        version = parse(wanted)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation='API Version String %s is of invalid format. Must be '
                        'of format MajorNum.MinorNum.' % wanted)
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise webob.exc.HTTPNotAcceptable(
            explanation='Version %s is not supported by the API. Minimum is '
                        '%s and maximum is %s.' % (wanted, to_str(MIN_VERSION),
                                                   to_str(MAX_VERSION)))
    return version


def of(request):
    """The negotiated version of request (MIN_VERSION outside /v2.1)."""
    return request.environ.get(ENVIRON_KEY, MIN_VERSION)


@functools.lru_cache(maxsize=256)
def _parsed(text):
    return parse(text)


def at_least(request, text):
    """True when request negotiated text ('2.47') or later."""
    return of(request) >= _parsed(text)


def version_handler(min_ver, max_ver=None):
    """Mark a handler as serving min_ver..max_ver (inclusive).

    The router picks, among the handlers of one route and method, the one
    whose range holds the request's version; none matching is a 404.
    """
    low = parse(min_ver)
    high = parse(max_ver) if max_ver else MAX_VERSION

    def decorate(func):
        func.min_version = low
        func.max_version = high
        return func
    return decorate


def select(handlers, version):
    """The handler among handlers (one or a tuple) serving version, or None."""
    if not isinstance(handlers, tuple):
        handlers = (handlers,)
    for handler in handlers:
        low = getattr(handler, 'min_version', MIN_VERSION)
        high = getattr(handler, 'max_version', MAX_VERSION)
        if low <= version <= high:
            return handler
    return None


def removed_since(min_ver):
    """A handler for a route removed at min_ver: 404, as Nova answers."""
    @version_handler(min_ver)
    def removed(request):
        raise webob.exc.HTTPNotFound(
            explanation='The resource could not be found.')
    removed.__doc__ = 'Removed at %s.' % min_ver
    return removed
