# SPDX-License-Identifier: Apache-2.0
"""/os-tenant-networks: Nova's other read-only proxy of the networks a
project may use (2.1 to 2.35; 404 from 2.36, as in Nova)."""

from nova_like.api import errors
from nova_like.api.handlers import server_networks
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import tenant_networks as rules
from nova_like.api.views import networks as view
from nova_like.api import wsgi_util
from nova_like import exception

MAX_VERSION = '2.35'


@microversion.version_handler('2.1', MAX_VERSION)
def index(request):
    """GET /os-tenant-networks: own, shared (every one for an admin)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.LIST)
    with server_networks.unreachable_is_503():
        networks = servers.compute_api().get_networks(context)
    return wsgi_util.json_response({'networks': [
        view.tenant_show(network) for network in networks]})


@microversion.version_handler('2.1', MAX_VERSION)
def show(request):
    """GET /os-tenant-networks/{network_id}."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.SHOW)
    try:
        with server_networks.unreachable_is_503():
            network = servers.compute_api().get_network(
                context, request.urlvars['network_id'])
    except exception.NetworkNotFound:
        raise errors.not_found('Network not found')
    return wsgi_util.json_response({'network': view.tenant_show(network)})
