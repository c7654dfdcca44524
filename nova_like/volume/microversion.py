# SPDX-License-Identifier: Apache-2.0
"""Block Storage microversions: 3.0 to MAX_VERSION, as Cinder negotiates.

`OpenStack-API-Version: volume 3.N` (or `volume latest`) picks the
version; no header is 3.0. Outside the range is 406, a malformed
version 400. Every answer says the version back, with Vary.
"""

import re

from nova_like.volume import errors

HEADER = 'OpenStack-API-Version'
SERVICE = 'volume'
MIN_VERSION = (3, 0)
# 3.27 adds the attachments API, 3.44 its os-complete (Nova asks 3.44).
# What changes shape in between for what this service serves: 3.13
# (group_id) and 3.21 (provider_id) in volume views, 3.39 (limits of
# another project for admins), 3.41 (user_id in snapshot views); what is
# not honoured is listed in docs/volumes.md.
MAX_VERSION = (3, 44)
_VERSION_RE = re.compile(r'^([1-9]\d*)\.(0|[1-9]\d*)$')


def version_string(version):
    return '%d.%d' % version


def negotiate(headers):
    """The version asked for by headers; MIN_VERSION when none.

    :raises: BadRequest (malformed), NotAcceptable (out of range).
    """
    text = headers.get(HEADER)
    if text is None:
        return MIN_VERSION
    wanted = None
    for part in text.split(','):
        words = part.split()
        if len(words) == 2 and words[0].lower() == SERVICE:
            wanted = words[1]
            break
    if wanted is None:
        # Another service's header only: the default version.
        return MIN_VERSION
    if wanted.lower() == 'latest':
        return MAX_VERSION
    match = _VERSION_RE.match(wanted)
    if not match:
        raise errors.bad_request(
            'API Version String %s is of invalid format. Must be of format '
            'MajorNum.MinorNum.' % wanted)
    version = int(match.group(1)), int(match.group(2))
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise errors.NotAcceptable(req_ver=wanted,
                                   min_ver=version_string(MIN_VERSION),
                                   max_ver=version_string(MAX_VERSION))
    return version


def answer(resp, version):
    """Say the version of the answer, as Cinder does."""
    resp.headers[HEADER] = '%s %s' % (SERVICE, version_string(version))
    resp.headers['Vary'] = HEADER
