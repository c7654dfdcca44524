# SPDX-License-Identifier: Apache-2.0
"""/os-quota-sets/{tenant_id} and /limits.

Quota sets: show, detail, defaults, update and delete.
"""

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import quotas as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import quotas as schema
from nova_like.api import validation
from nova_like.api.views import quotas as view
from nova_like.api import wsgi_util
from nova_like.clients import identity
from nova_like import exception
from nova_like.objects import quotas


def _user_id(request):
    """The ?user_id= of the request, or None.

    Limits are kept per project only: a user's limits are its project's.
    """
    params = validation.query(request, common_schema.for_version(
        schema.QUOTA_QUERY, microversion.of(request)))
    return validation.last(params, 'user_id') or None


def _project(request, rule):
    """The tenant_id of the URL, once policy allows rule on it."""
    context = wsgi_util.context_of(request)
    project_id = request.urlvars['tenant_id']
    _user_id(request)
    policies.authorize(context, rule,
                       {'project_id': project_id})
    return project_id


def _check_project_id(project_id):
    """A write for what cannot be a project is a 400 (Keystone's ids are
    at most 64 characters); Keystone is asked when [keystone] is set."""
    if len(project_id) > 64 or not project_id.strip() or \
            any(char.isspace() for char in project_id):
        raise errors.bad_request('Project ID %s is not a valid project.'
                                 % project_id[:80])
    identity.verify_project_id(project_id)


def show(request):
    """GET: the project's limits (those of any of its users too)."""
    project_id = _project(request, rules.QUOTA_SHOW)
    return wsgi_util.json_response(view.quota_set(
        request, project_id, quotas.get_limits(project_id)))


def detail(request):
    """GET .../detail: limit, in_use and reserved of each resource.

    key_pairs in use are the given user's (?user_id=), else the caller's.
    """
    project_id = _project(request, rules.QUOTA_DETAIL)
    user_id = _user_id(request) or wsgi_util.context_of(request).user_id
    return wsgi_util.json_response(view.quota_set(
        request, project_id, quotas.get_limits(project_id),
        quotas.usage(project_id, user_id)))


def defaults(request):
    """GET .../defaults: the limits of a project with none of its own."""
    project_id = _project(request, rules.QUOTA_DEFAULTS)
    limits = quotas.defaults()
    return wsgi_util.json_response(view.quota_set(request, project_id,
                                                  limits))


def update(request):
    """PUT: set limits; below usage only with force (admin)."""
    project_id = _project(request, rules.QUOTA_UPDATE)
    body = validation.body(request, common_schema.for_version(
        schema.UPDATE, microversion.of(request)))
    if _user_id(request):
        raise errors.bad_request(
            'Per-user quotas are not supported: limits are kept per '
            'project; set them without user_id.')
    _check_project_id(project_id)
    values = dict(body['quota_set'])
    force = common_schema.to_bool(values.pop('force', False))
    new = {resource: int(limit) for resource, limit in values.items()}
    if not force:
        in_use = quotas.usage(project_id)
        for resource, limit in sorted(new.items()):
            used = in_use.get(resource, 0)
            if 0 <= limit < used and resource not in quotas.PER_OBJECT:
                raise exception.QuotaValueBelowUsage(
                    limit=limit, resource=resource, used=used)
    quotas.set_limits(project_id, new)
    return wsgi_util.json_response(view.quota_set(
        request, None, quotas.get_limits(project_id)))


def delete(request):
    """DELETE: back to the defaults (202).

    With ?user_id= there is nothing to forget: a user has no limits of its
    own, so the project's stay.
    """
    project_id = _project(request, rules.QUOTA_DELETE)
    if not _user_id(request):
        quotas.reset(project_id)
    return wsgi_util.empty_response(202)


def limits(request):
    """GET /limits: absolute limits and usage (tenant_id for admins)."""
    context = wsgi_util.context_of(request)
    params = validation.query(request, common_schema.for_version(
        schema.LIMITS_QUERY, microversion.of(request)))
    policies.authorize(context, rules.LIMITS)
    project_id = validation.last(params, 'tenant_id') or context.project_id
    if project_id != context.project_id:
        policies.authorize(context, rules.LIMITS_OTHER_PROJECT,
                           {'project_id': project_id})
    absolute = view.absolute_limits(request, quotas.get_limits(project_id),
                                    quotas.usage(project_id))
    return wsgi_util.json_response({'limits': {'rate': [],
                                               'absolute': absolute}})
