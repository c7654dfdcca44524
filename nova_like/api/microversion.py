# SPDX-License-Identifier: Apache-2.0
"""Compute API microversions: the range served and header negotiation."""

import microversion_parse
import webob.exc

MIN_VERSION = (2, 1)
MAX_VERSION = (2, 1)
SERVICE_TYPE = 'compute'
LEGACY_HEADER = 'X-OpenStack-Nova-API-Version'


def to_str(version):
    return '%d.%d' % version


def parse(text):
    """'2.37' -> (2, 37); raises ValueError for anything else."""
    major, minor = text.strip().split('.')
    if not (major.isdigit() and minor.isdigit()):
        raise ValueError(text)
    return int(major), int(minor)


def negotiate(headers):
    """The version a request asks for, as a tuple.

    :raises: HTTPBadRequest for a malformed version, HTTPNotAcceptable for
        one outside [MIN_VERSION, MAX_VERSION].
    """
    wanted = microversion_parse.get_version(
        headers, service_type=SERVICE_TYPE,
        legacy_headers=[LEGACY_HEADER])
    if wanted is None:
        return MIN_VERSION
    if wanted.strip() == 'latest':
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
