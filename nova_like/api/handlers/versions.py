# SPDX-License-Identifier: Apache-2.0
"""GET /, /v2 and /v2.1: the version documents clients discover the API with.

Nova lists its deprecated v2.0 first, and clients and conformance tests
expect that; nova_like lists it too and serves its version document at /v2/,
but not the legacy v2 API under it (docs/compute-api.md).
"""

from nova_like.api import microversion
from nova_like.api import wsgi_util

_UPDATED = '2013-07-23T11:33:21Z'
_V20_UPDATED = '2025-07-04T12:00:00Z'


def _v20(request):
    return {
        'id': 'v2.0',
        'status': 'DEPRECATED',
        'version': '',
        'min_version': '',
        'updated': _V20_UPDATED,
        'links': [{'rel': 'self',
                   'href': request.application_url + '/v2/'}],
    }


def _v21(request):
    return {
        'id': 'v2.1',
        'status': 'CURRENT',
        'version': microversion.to_str(microversion.MAX_VERSION),
        'min_version': microversion.to_str(microversion.MIN_VERSION),
        'updated': _UPDATED,
        'links': [{'rel': 'self',
                   'href': request.application_url + '/v2.1/'}],
    }


def list_versions(request):
    """GET /: every API version, v2.0 first as in Nova."""
    body = {'versions': [_v20(request), _v21(request)]}
    return wsgi_util.json_response(body, status=200)


def _document(version, media_version):
    version['links'].append({
        'rel': 'describedby', 'type': 'text/html',
        'href': 'http://docs.openstack.org/'})
    version['media-types'] = [{
        'base': 'application/json',
        'type': 'application/vnd.openstack.compute+json;version=%s'
        % media_version}]
    return wsgi_util.json_response({'version': version}, status=200)


def show_v21(request):
    """GET /v2.1: the v2.1 version document with its media types."""
    return _document(_v21(request), '2.1')


def show_v20(request):
    """GET /v2: the deprecated v2.0 version document."""
    return _document(_v20(request), '2')
