# SPDX-License-Identifier: Apache-2.0
"""/os-hosts (admin, deprecated: up to 2.42): hosts, their services and
resources.

The list shows each enabled service that serves RPC as (host, topic, zone);
show gives a compute host's resources. Update's `status` enables or
disables the host's compute service (as os-services); maintenance mode and
the power actions are not something nova_like's drivers do: 501, as Nova
answers for a driver without them.
"""

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import hosts as rules
from nova_like.api.schemas import hosts as schema
from nova_like.api import validation
from nova_like.api.views import hosts as view
from nova_like.api import wsgi_util
from nova_like.compute.api import hosts as host_api
from nova_like import exception

# os-hosts is gone from 2.43 (os-services and os-hypervisors replace it).
_until_242 = microversion.version_handler('2.1', '2.42')


@_until_242
def index(request):
    """GET /os-hosts[?zone=]: enabled services with a topic, by host."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.LIST)
    zone = validation.last(validation.query(request, schema.QUERY), 'zone')
    zones = host_api.host_zones(context)
    hosts = []
    for service, _cell in host_api.service_list(context.elevated()):
        if service.disabled or not service.topic:
            continue
        service_zone = host_api.zone_of_service(service, zones)
        if zone and service_zone != zone:
            continue
        hosts.append({'host_name': service.host, 'service': service.topic,
                      'zone': service_zone})
    return wsgi_util.json_response({'hosts': hosts})


@_until_242
def show(request):
    """GET /os-hosts/{host_name}: a compute host's resources."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.SHOW)
    host = request.urlvars['host_name']
    try:
        node, instances = host_api.host_usage(context.elevated(), host)
    except exception.ComputeHostNotFound as exc:
        raise errors.not_found(exc.message)
    return wsgi_util.json_response(
        {'host': view.resources(host, node, instances)})


def _compute_service(context, host):
    try:
        return host_api.compute_service(context.elevated(), host)
    except exception.ComputeHostNotFound as exc:
        raise errors.not_found(exc.message)


@_until_242
def update(request):
    """PUT /os-hosts/{host_name}: status and/or maintenance_mode."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, schema.UPDATE)
    policies.authorize(context, rules.UPDATE)
    host = request.urlvars['host_name']
    service, cell = _compute_service(context, host)
    if 'maintenance_mode' in body:
        raise errors.not_implemented(
            'Virt driver does not implement host maintenance mode.')
    enabled = body['status'].lower() == 'enable'
    host_api.service_update(context, service, cell,
                            {'disabled': not enabled,
                             'disabled_reason': None})
    return wsgi_util.json_response(
        {'host': host, 'status': 'enabled' if enabled else 'disabled'})


def _power_action(rule):
    def act(request):
        context = wsgi_util.context_of(request)
        policies.authorize(context, rule)
        _compute_service(context, request.urlvars['host_name'])
        raise errors.not_implemented(
            'Virt driver does not implement host power management.')
    act.__doc__ = 'GET /os-hosts/{host_name}/<action>: 404 or 501.'
    return _until_242(act)


reboot = _power_action(rules.REBOOT)
shutdown = _power_action(rules.SHUTDOWN)
startup = _power_action(rules.START)
