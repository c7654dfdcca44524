# SPDX-License-Identifier: Apache-2.0
"""Placement microversions: range served, negotiation, versioned handlers."""

import functools
import re

import microversion_parse

from nova_like.placement import errors

SERVICE_TYPE = 'placement'
MIN_VERSION = (1, 0)
MAX_VERSION = (1, 39)
_VERSION_RE = re.compile(r'^(0|[1-9]\d*)\.(0|[1-9]\d*)$')


def version_string(version):
    return '%d.%d' % version


def min_version_string():
    return version_string(MIN_VERSION)


def max_version_string():
    return version_string(MAX_VERSION)


def parse(text):
    """'1.N' -> (1, N); ValueError on anything else."""
    match = _VERSION_RE.match(text.strip())
    if not match:
        raise ValueError(text)
    return int(match.group(1)), int(match.group(2))


def negotiate(headers):
    """The version a request asked for, (1, 0) when it asked for none.

    :raises: BadRequest for a malformed header, NotAcceptable for a version
        outside MIN_VERSION..MAX_VERSION.
    """
    # Only the one header it reads: microversion_parse copies whatever it
    # is given, and webob's headers are translated key by key.
    wanted = headers.get('OpenStack-API-Version')
    requested = microversion_parse.get_version(
        {} if wanted is None else {'OpenStack-API-Version': wanted},
        service_type=SERVICE_TYPE)
    if requested is None:
        return MIN_VERSION
    if requested.strip().lower() == 'latest':
        return MAX_VERSION
    try:
        version = parse(requested)
    except ValueError:
        raise errors.BadRequest(
            'invalid version string: %s; use "placement 1.N" or '
            '"placement latest"' % requested)
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise errors.NotAcceptable(
            'Unacceptable version header: %s; this service serves %s to %s'
            % (requested, min_version_string(), max_version_string()))
    return version


def version_handler(min_ver, max_ver=None, status_code=404):
    """Mark func as serving min_ver..max_ver; outside that it answers 404.

    :param status_code: 405 where upstream says the method does not exist
        yet rather than the resource.
    """
    low = parse(min_ver)
    high = parse(max_ver) if max_ver else MAX_VERSION

    def decorate(func):
        @functools.wraps(func)
        def wrapper(req, *args, **kwargs):
            if not low <= req.environ['placement.microversion'] <= high:
                if status_code == 405:
                    raise errors.MethodNotAllowed(
                        'The method specified is not allowed for this '
                        'resource at microversion %s.' % version_string(
                            req.environ['placement.microversion']))
                raise errors.NotFound('The resource could not be found.')
            return func(req, *args, **kwargs)
        wrapper.min_version = low
        wrapper.status_code = status_code
        wrapper.max_version = high
        return wrapper
    return decorate
