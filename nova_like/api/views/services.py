# SPDX-License-Identifier: Apache-2.0
"""The os-services body of one service."""

from nova_like.api import microversion
from nova_like.api.views import common
from nova_like.compute.api import hosts as host_api
from nova_like import conf

CONF = conf.CONF


def show(request, service, zones):
    at = microversion.at_least
    body = {
        'binary': service.binary,
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
