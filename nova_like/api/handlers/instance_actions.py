# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/os-instance-actions: what was done to a server.

Every action, and each step of it.
"""

from oslo_utils import timeutils

from nova_like.api import errors
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import instance_actions as rules
from nova_like.api.policies import servers as server_rules
from nova_like.api.schemas import instance_actions as schema
from nova_like.api import validation
from nova_like.api.views import common as common_view
from nova_like.api.views import instance_actions as view
from nova_like.api import wsgi_util
from nova_like import exception


def _server(request, rule):
    """The server, deleted ones too from 2.21, after the policy check."""
    context = wsgi_util.context_of(request)
    server_id = request.urlvars['server_id']
    api = servers.compute_api()
    try:
        if microversion.at_least(request, '2.21'):
            instance = api.get_including_deleted(context, server_id)
        else:
            instance = api.get(context, server_id)
    except exception.InstanceNotFound as exc:
        raise errors.not_found(exc.message)
    if not policies.authorize(context, rule,
                              {'project_id': instance.project_id},
                              fatal=False):
        if policies.authorize(context, server_rules.SHOW,
                              {'project_id': instance.project_id},
                              fatal=False):
            raise exception.PolicyNotAuthorized(action=rule)
        raise errors.not_found(
            exception.InstanceNotFound(instance_id=server_id).message)
    return context, instance


def _time(params, name):
    value = validation.last(params, name)
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise errors.bad_request('Invalid input for query parameters %s. '
                                 'Value: %s. It is not a date-time.'
                                 % (name, value))


def _filters(params):
    filters = {name: _time(params, name)
               for name in ('changes-since', 'changes-before')
               if name in params}
    if filters.get('changes-since') and filters.get('changes-before') and \
            filters['changes-since'] > filters['changes-before']:
        raise errors.bad_request('The value of changes-since must be less '
                                 'than or equal to changes-before.')
    return filters


def index(request):
    """GET /servers/{server_id}/os-instance-actions, newest first."""
    params = validation.query(request, schema.for_version(
        microversion.of(request)))
    context, instance = _server(request, rules.LIST)
    paged = microversion.at_least(request, '2.58')
    limit = common_view.limit_of(params) if paged else None
    marker = validation.last(params, 'marker') if paged else None
    try:
        actions = servers.compute_api().actions_of(
            context, instance, limit=limit, marker=marker,
            filters=_filters(params) if paged else None)
    except exception.InstanceActionNotFound:
        raise errors.bad_request('Marker %s could not be found.' % marker)
    return wsgi_util.json_response(
        view.index(request, instance.uuid, actions, limit))


def show(request):
    """GET /servers/{server_id}/os-instance-actions/{request_id}."""
    context, instance = _server(request, rules.SHOW)
    try:
        action, events = servers.compute_api().action_with_events(
            context, instance, request.urlvars['request_id'])
    except exception.InstanceActionNotFound as exc:
        raise errors.not_found(exc.message)
    body = view.action(request, action)
    target = {'project_id': instance.project_id}
    show_traceback = policies.authorize(context, rules.EVENTS, target,
                                        fatal=False)
    if microversion.at_least(request, '2.51') or show_traceback:
        show_details = policies.authorize(context, rules.EVENTS_DETAILS,
                                          target, fatal=False)
        project_id = action.project_id or instance.project_id
        body['events'] = [view.event(request, e, project_id, show_traceback,
                                     show_details) for e in events]
    return wsgi_util.json_response({'instanceAction': body})
