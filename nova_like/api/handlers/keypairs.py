# SPDX-License-Identifier: Apache-2.0
"""/os-keypairs: import, generate, list, show and delete a user's key pairs.

Key pairs are generated only below 2.92.
"""

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import keypairs as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import keypairs as schema
from nova_like.api import validation
from nova_like.api.views import common as common_view
from nova_like.api.views import keypairs as view
from nova_like.api import wsgi_util
from nova_like import exception
from nova_like.objects import keypair


def _owner(context, user_id, rule):
    """The owner acted upon: user_id (from 2.10, admins only) or the caller."""
    user_id = user_id or context.user_id
    policies.authorize(context, rule, {'user_id': user_id})
    return user_id


def create(request):
    """POST: import public_key, or generate a key pair when it is absent."""
    context = wsgi_util.context_of(request)
    version = microversion.of(request)
    body = validation.body(request, common_schema.for_version(schema.CREATE,
                                                              version))
    values = body['keypair']
    user_id = _owner(context, values.get('user_id'), rules.CREATE)
    created = keypair.create(context.project_id, user_id, values['name'],
                             values.get('type', 'ssh'),
                             values.get('public_key'))
    status = 201 if microversion.at_least(request, '2.2') else 200
    return wsgi_util.json_response({'keypair': view.created(request,
                                                            created)},
                                   status=status)


def index(request):
    """GET: the user's key pairs, paged by name from 2.35."""
    context = wsgi_util.context_of(request)
    params = validation.query(request, common_schema.for_version(
        schema.INDEX_QUERY, microversion.of(request)))
    user_id = _owner(context, validation.last(params, 'user_id'), rules.INDEX)
    limit = marker = None
    if microversion.at_least(request, '2.35'):
        limit = common_view.limit_of(params)
        marker = validation.last(params, 'marker')
    try:
        keypairs = keypair.get_all(user_id, limit=limit, marker=marker)
    except exception.MarkerNotFound:
        raise errors.bad_request('marker [%s] not found' % marker)
    body = {'keypairs': [{'keypair': view.item(request, k)}
                         for k in keypairs]}
    if limit is not None:
        links = common_view.next_links(request, 'os-keypairs',
                                       [k['name'] for k in keypairs], limit,
                                       'name')
        if links:
            body['keypairs_links'] = links
    return wsgi_util.json_response(body)


def show(request):
    """GET .../{keypair_name}."""
    context = wsgi_util.context_of(request)
    params = validation.query(request, common_schema.for_version(
        schema.SHOW_QUERY, microversion.of(request)))
    user_id = _owner(context, validation.last(params, 'user_id'), rules.SHOW)
    found = keypair.get(user_id, request.urlvars['keypair_name'])
    return wsgi_util.json_response({'keypair': view.detail(request, found)})


def delete(request):
    """DELETE .../{keypair_name}: 202 at 2.1, 204 from 2.2."""
    context = wsgi_util.context_of(request)
    params = validation.query(request, common_schema.for_version(
        schema.SHOW_QUERY, microversion.of(request)))
    user_id = _owner(context, validation.last(params, 'user_id'), rules.DELETE)
    keypair.destroy(user_id, request.urlvars['keypair_name'])
    return wsgi_util.empty_response(
        204 if microversion.at_least(request, '2.2') else 202)
