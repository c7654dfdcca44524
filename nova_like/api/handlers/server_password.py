# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/os-server-password: show (200) and clear (204)."""

from nova_like.api.handlers import servers
from nova_like.api import policies
from nova_like.api.policies import server_password as rules
from nova_like.api import wsgi_util
from nova_like.compute.api import server_password as password_api


def _server(request, rule):
    context = wsgi_util.context_of(request)
    instance = servers.get_server(request, request.urlvars['server_id'])
    policies.authorize(context, rule, {'project_id': instance.project_id})
    return context, instance


def index(request):
    """GET: {"password": the encrypted password or ""}."""
    _context, instance = _server(request, rules.SHOW)
    return wsgi_util.json_response(
        {'password': password_api.get(instance)})


def clear(request):
    """DELETE: forget it (204)."""
    context, instance = _server(request, rules.CLEAR)
    password_api.clear(context, instance)
    return wsgi_util.empty_response(204)
