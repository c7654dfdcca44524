# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/ips: a server's addresses by network."""

from nova_like.api.handlers import servers
from nova_like.api import errors
from nova_like.api.policies import ips as rules
from nova_like.api.views import ips as view
from nova_like.api import wsgi_util
from nova_like.objects import base as obj_base


def _network_info(instance):
    return obj_base.field_value(instance, 'network_info', [])


def index(request):
    """GET /servers/{server_id}/ips."""
    _context, instance = servers.get_authorized_server(request, rules.INDEX)
    return wsgi_util.json_response(view.index(_network_info(instance)))


def show(request):
    """GET /servers/{server_id}/ips/{network_label}."""
    _context, instance = servers.get_authorized_server(request, rules.SHOW)
    label = request.urlvars['network_label']
    networks = view.by_network(_network_info(instance))
    if label not in networks:
        raise errors.not_found(
            'Instance is not a member of specified network')
    return wsgi_util.json_response({label: networks[label]})
