# SPDX-License-Identifier: Apache-2.0
"""/os-availability-zone: the zones servers may ask for.

For admins, every zone with its hosts.
"""

from nova_like.api import policies
from nova_like.api.policies import availability_zone as rules
from nova_like.api.views import common as common_view
from nova_like.api import wsgi_util
from nova_like.compute.api import hosts as host_api
from nova_like import conf

CONF = conf.CONF


def _zones(context):
    """{zone: [(Service, available)]} of every service, in order."""
    zones = {}
    host_zones = host_api.host_zones(context)
    for service, _cell in host_api.service_list(context.elevated()):
        zone = host_api.zone_of_service(service, host_zones)
        alive = service.is_up(CONF.service_down_time)
        zones.setdefault(zone, []).append((service, alive))
    return zones


def _state(services):
    return any(alive and not s.disabled for s, alive in services)


def index(request):
    """GET /os-availability-zone: zones of compute services, hosts null."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.LIST)
    body = [{'zoneName': zone, 'zoneState': {'available': _state(services)},
             'hosts': None}
            for zone, services in _zones(context).items()
            if zone != CONF.internal_service_availability_zone]
    return wsgi_util.json_response({'availabilityZoneInfo': body})


def detail(request):
    """GET /os-availability-zone/detail (admin): hosts and their services."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.DETAIL)
    body = []
    for zone, services in _zones(context).items():
        hosts = {}
        for service, alive in services:
            hosts.setdefault(service.host, {})[service.binary] = {
                'available': alive and not service.disabled,
                'active': not service.disabled,
                'updated_at': common_view.usage_time(
                    service.updated_at or service.last_seen_up)}
        body.append({'zoneName': zone,
                     'zoneState': {'available': _state(services)},
                     'hosts': hosts})
    return wsgi_util.json_response({'availabilityZoneInfo': body})
