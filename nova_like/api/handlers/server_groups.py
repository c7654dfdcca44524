# SPDX-License-Identifier: Apache-2.0
"""/os-server-groups: list, show, create and delete server groups.

The list takes limit/offset, and all_projects for admins.
"""

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import server_groups as policy_rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import server_groups as schema
from nova_like.api import validation
from nova_like.api.views import server_groups as view
from nova_like.api import wsgi_util
from nova_like.compute.api import server_groups as server_group_api
from nova_like import exception


def _target(group):
    return {'project_id': group.project_id, 'user_id': group.user_id}


def _group(request, rule):
    context = wsgi_util.context_of(request)
    uuid = request.urlvars['server_group_id']
    try:
        group = server_group_api.get(context, uuid)
    except exception.InstanceGroupNotFound as exc:
        raise errors.not_found(exc.message)
    policies.authorize(context, rule, _target(group))
    return group


def index(request):
    """GET /os-server-groups."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, policy_rules.INDEX)
    params = validation.query(request, schema.QUERY_V275 if
                              microversion.at_least(request, '2.75')
                              else schema.QUERY)
    all_projects = common_schema.to_bool(
        validation.last(params, 'all_projects', 'false')) and \
        policies.authorize(context, policy_rules.INDEX_ALL_PROJECTS,
                           fatal=False)
    groups = server_group_api.get_all(
        context, None if all_projects else context.project_id)
    offset = int(validation.last(params, 'offset', 0))
    groups = groups[offset:]
    if 'limit' in params:
        groups = groups[:int(validation.last(params, 'limit'))]
    return wsgi_util.json_response(
        {'server_groups': [view.show(request, g) for g in groups]})


def show(request):
    """GET /os-server-groups/{server_group_id}."""
    return wsgi_util.json_response(
        {'server_group': view.show(
            request, _group(request, policy_rules.SHOW))})


def create(request):
    """POST /os-server-groups: 200 with the new group."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, policy_rules.CREATE)
    version = microversion.of(request)
    values = validation.body(request, schema.create(version))['server_group']
    policy = values['policy'] if version >= (2, 64) else \
        values['policies'][0]
    rules = values.get('rules') or {}
    if rules and policy != 'anti-affinity':
        raise errors.bad_request('Only anti-affinity policy supports rules.')
    group = server_group_api.create(context, values['name'], policy, rules)
    return wsgi_util.json_response({'server_group': view.show(request,
                                                              group)})


def delete(request):
    """DELETE /os-server-groups/{server_group_id}: 204."""
    group = _group(request, policy_rules.DELETE)
    try:
        group.destroy()
    except exception.InstanceGroupNotFound as exc:
        raise errors.not_found(exc.message)
    return wsgi_util.empty_response(204)
