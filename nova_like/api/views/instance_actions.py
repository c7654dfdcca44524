# SPDX-License-Identifier: Apache-2.0
"""Bodies of /servers/{id}/os-instance-actions, and of one action.

One action comes with its events.
"""

from nova_like.api import microversion
from nova_like.api.views import common
from nova_like.api.views import servers as server_view

_ACTION_KEYS = ('action', 'instance_uuid', 'request_id', 'user_id',
                'project_id', 'message')


def action(request, action_obj):
    body = {key: getattr(action_obj, key) for key in _ACTION_KEYS}
    body['start_time'] = common.usage_time(action_obj.start_time)
    if microversion.at_least(request, '2.58'):
        body['updated_at'] = common.usage_time(action_obj.updated_at)
    return body


def event(request, event_obj, project_id, show_traceback, show_details):
    """One event; traceback and host for admins, hostId (2.62) and details
    (2.84) as the policies allow."""
    body = {'event': event_obj.event,
            'start_time': common.usage_time(event_obj.start_time),
            'finish_time': common.usage_time(event_obj.finish_time),
            'result': event_obj.result}
    if show_traceback:
        body['traceback'] = event_obj.traceback
    if microversion.at_least(request, '2.62'):
        host = event_obj.host or ''
        body['hostId'] = server_view.host_id_of(project_id, host)
        if show_traceback:
            body['host'] = host
    if show_details and microversion.at_least(request, '2.84'):
        body['details'] = event_obj.details
    return body


def index(request, server_id, actions, limit):
    body = {'instanceActions': [action(request, a) for a in actions]}
    if microversion.at_least(request, '2.58'):
        links = common.next_links(
            request, 'servers/%s/os-instance-actions' % server_id,
            [a.request_id for a in actions], limit, 'links')
        if links:
            body['links'] = links
    return body
