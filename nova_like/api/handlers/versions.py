# SPDX-License-Identifier: Apache-2.0
"""GET / and GET /v2.1: the version documents clients discover the API with."""

from nova_like.api import microversion
from nova_like.api import wsgi_util

_UPDATED = '2013-07-23T11:33:21Z'


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
    """GET /: every API version (only v2.1 is served)."""
    body = {'versions': [_v21(request)]}
    return wsgi_util.json_response(body, status=200)


def show_v21(request):
    """GET /v2.1: the v2.1 version document with its media types."""
    version = _v21(request)
    version['links'].append({
        'rel': 'describedby', 'type': 'text/html',
        'href': 'http://docs.openstack.org/'})
    version['media-types'] = [{
        'base': 'application/json',
        'type': 'application/vnd.openstack.compute+json;version=2.1'}]
    return wsgi_util.json_response({'version': version}, status=200)
