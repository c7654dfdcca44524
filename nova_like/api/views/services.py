# SPDX-License-Identifier: Apache-2.0
"""The os-services body of one service."""

from nova_like.api import microversion
from nova_like.api.views import common
from nova_like.compute.api import hosts as host_api
from nova_like import conf

CONF = conf.CONF

# Clients and dashboards filter os-services on Nova's binary names, so the
# API speaks those for the processes that play Nova's parts.
NOVA_BINARIES = {
    'nova-like-compute': 'nova-compute',
    'nova-like-scheduler': 'nova-scheduler',
    'nova-like-conductor': 'nova-conductor',
}
_PROCESS_BINARIES = {nova: ours for ours, nova in NOVA_BINARIES.items()}
# Nova leaves its API services out of the list; so does nova_like.
HIDDEN = ('nova-like-api',)


def api_binary(binary):
    """The name the API reports for a process's binary."""
    return NOVA_BINARIES.get(binary, binary)


def process_binary(name):
    """The binary a services row holds for a name the API was given (Nova's
    name or the process's own)."""
    return _PROCESS_BINARIES.get(name, name)


def show(request, service, zones):
    at = microversion.at_least
    body = {
        'binary': api_binary(service.binary),
        'host': service.host,
        'id': service.uuid if at(request, '2.53') else service.id,
        'zone': host_api.zone_of_service(service, zones),
        'status': 'disabled' if service.disabled else 'enabled',
        'state': 'up' if service.is_up(CONF.service_down_time) else 'down',
        'updated_at': common.usage_time(service.updated_at or
                                        service.last_seen_up),
        'disabled_reason': service.disabled_reason,
    }
    if at(request, '2.11'):
        body['forced_down'] = service.forced_down
    return body
