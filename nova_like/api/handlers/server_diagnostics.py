# SPDX-License-Identifier: Apache-2.0
"""GET /servers/{id}/diagnostics (admin): asked of the server's host."""

from nova_like.api import errors
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import server_diagnostics as rules
from nova_like.api.views import server_diagnostics as view
from nova_like.api import wsgi_util
from nova_like.compute.api import admin_actions as admin_api


def index(request):
    """GET: 200; 409 not running or no host; 501 a driver without them."""
    context = wsgi_util.context_of(request)
    instance = servers.get_server(request, request.urlvars['server_id'])
    policies.authorize(context, rules.DIAGNOSTICS,
                       {'project_id': instance.project_id})
    diagnostics = admin_api.diagnostics(context, instance)
    if diagnostics is None:
        raise errors.not_implemented(
            'Unable to get diagnostics, functionality not implemented')
    if not microversion.at_least(request, '2.48'):
        diagnostics = view.legacy(diagnostics)
    return wsgi_util.json_response(diagnostics)
