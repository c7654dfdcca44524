# SPDX-License-Identifier: Apache-2.0
"""The version documents: GET / (300, every version) and GET /v3/."""

from nova_like.volume import microversion
from nova_like.volume import util

UPDATED = '2026-12-07T00:00:00Z'


def _v3(req):
    return {
        'id': 'v3.0', 'status': 'CURRENT',
        'version': microversion.version_string(microversion.MAX_VERSION),
        'min_version': microversion.version_string(
            microversion.MIN_VERSION),
        'updated': UPDATED,
        'links': [{'href': 'https://docs.openstack.org/',
                   'rel': 'describedby', 'type': 'text/html'},
                  {'href': req.host_url + '/v3/', 'rel': 'self'}],
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.volume+json;version=3'}],
    }


def versions(req):
    return util.response({'versions': [_v3(req)]}, 300)


def show_v3(req):
    return util.response({'versions': [_v3(req)]})
