# SPDX-License-Identifier: Apache-2.0
"""/os-simple-tenant-usage: server hours and resources per project.

Over a period; 2.40 pages it by server.
"""

import datetime

from oslo_utils import timeutils

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import simple_tenant_usage as rules
from nova_like.api.schemas import simple_tenant_usage as schema
from nova_like.api import validation
from nova_like.api.views import common as common_view
from nova_like.api import wsgi_util
from nova_like.compute.api import usage as usage_api

_COLLECTION = 'os-simple-tenant-usage'


def _time(params, name, now):
    value = validation.last(params, name)
    if not value:
        return now
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise errors.bad_request('Invalid %s time %s: use ISO 8601 like '
                                 '2026-11-21T17:17:54.' % (name, value))


def _iso(value):
    return value.isoformat() if value is not None else None


def _query(request):
    paged = microversion.at_least(request, '2.40')
    params = validation.query(request, schema.QUERY_V240 if paged
                              else schema.QUERY)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    start, end = _time(params, 'start', now), _time(params, 'end', now)
    if start > end:
        raise errors.bad_request('Invalid start time. The start time cannot '
                                 'occur after the end time.')
    detailed = validation.last(params, 'detailed', '0') not in (
        '0', '', 'false', 'False')
    return params, start, end, detailed, paged


def _page(request, params, usages, paged):
    if not paged:
        return usages, None
    marker = validation.last(params, 'marker')
    if marker is not None:
        ids = [u['instance_id'] for u in usages]
        if marker not in ids:
            raise errors.bad_request('Marker %s could not be found.'
                                     % marker)
        usages = usages[ids.index(marker) + 1:]
    limit = common_view.limit_of(params)
    usages = usages[:limit]
    links = common_view.next_links(request, _COLLECTION,
                                   [u['instance_id'] for u in usages],
                                   limit, 'instance_id')
    return usages, links


def _render(total, start, end, detailed):
    body = dict(total, start=_iso(start), stop=_iso(end))
    servers = body.pop('server_usages')
    if detailed:
        body['server_usages'] = [
            dict(u, started_at=_iso(u['started_at']),
                 ended_at=_iso(u['ended_at'])) for u in servers]
    return body


def index(request):
    """GET /os-simple-tenant-usage (admin): every project's usage."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.LIST)
    params, start, end, detailed, paged = _query(request)
    usages, links = _page(request, params, usage_api.usages(
        context.elevated(), start, end), paged)
    body = {'tenant_usages': [
        _render(total, start, end, detailed)
        for total in usage_api.by_project(usages).values()]}
    if links:
        body['tenant_usages_links'] = links
    return wsgi_util.json_response(body)


def show(request):
    """GET /os-simple-tenant-usage/{tenant_id}: one project, its servers."""
    context = wsgi_util.context_of(request)
    project_id = request.urlvars['tenant_id']
    policies.authorize(context, rules.SHOW,
                       {'project_id': project_id,
                        'user_id': context.user_id})
    params, start, end, _detailed, paged = _query(request)
    usages, links = _page(request, params, usage_api.usages(
        context.elevated(), start, end, project_id), paged)
    totals = usage_api.by_project(usages)
    body = {'tenant_usage': _render(totals[project_id], start, end, True)
            if project_id in totals else {}}
    if links:
        body['tenant_usage_links'] = links
    return wsgi_util.json_response(body)
