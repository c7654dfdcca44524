# SPDX-License-Identifier: Apache-2.0
"""GET /: version discovery, answered without authentication."""

from nova_like.placement import microversion
from nova_like.placement import util


@util.wsgify
@microversion.version_handler('1.0')
def home(req):
    body = {'versions': [{
        'id': 'v1.0',
        'max_version': microversion.max_version_string(),
        'min_version': microversion.min_version_string(),
        'status': 'CURRENT',
        'links': [{'rel': 'self', 'href': ''}],
    }]}
    resp = util.json_response(req, body)
    # Version discovery is never cached by clients.
    resp.headers.pop('Last-Modified', None)
    resp.headers.pop('Cache-Control', None)
    return resp
