# SPDX-License-Identifier: Apache-2.0
"""POST /os-server-external-events: events other services report on
servers.

Each event is answered with a code: 200 accepted, 404 no such server, 422
a server with no host yet; the whole answer is 200 when all were accepted,
207 when some were not, 404 when none was. nova_like's compute hosts wait
for none of these events (the network service plugs ports before the guest
starts), so accepted events are logged, not sent on.
"""

import logging

from nova_like.api import errors
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import server_external_events as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import server_external_events as schema
from nova_like.api import validation
from nova_like.api import wsgi_util
from nova_like import exception

LOG = logging.getLogger(__name__)


def _host_of(context, uuid, found):
    """The server's host ('' when it has none), None when there is no such
    server."""
    if uuid not in found:
        try:
            instance = servers.compute_api().get(context, uuid)
            found[uuid] = instance.host or ''
        except exception.InstanceNotFound:
            found[uuid] = None
    return found[uuid]


def create(request):
    """POST: {"events": [{name, server_uuid, status?, tag?}, ...]}."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, common_schema.for_version(
        schema.CREATE, microversion.of(request)))
    policies.authorize(context, rules.CREATE)
    admin = context.elevated()
    found = {}
    answered, accepted = [], 0
    for event in body['events']:
        answer = dict(event)
        host = _host_of(admin, event['server_uuid'], found)
        if host:
            answer['code'] = 200
            accepted += 1
            LOG.info('External event %s:%s (%s) for server %s on %s',
                     event['name'], event.get('tag'),
                     event.get('status', 'completed'),
                     event['server_uuid'], host)
        else:
            answer.update(status='failed', code=404 if host is None else 422)
        answered.append(answer)
    if not accepted:
        raise errors.not_found('No instances found for any event')
    status = 200 if accepted == len(answered) else 207
    return wsgi_util.json_response({'events': answered}, status=status)
