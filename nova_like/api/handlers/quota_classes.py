# SPDX-License-Identifier: Apache-2.0
"""/os-quota-class-sets/{id}: show and set a quota class's limits.

Only the 'default' class is used: its limits, where set, are every
project's defaults in place of [quota]'s. Other classes are kept and shown,
as Nova does, and limit nothing.
"""

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import quota_classes as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import quotas as schema
from nova_like.api import validation
from nova_like.api.views import quota_classes as view
from nova_like.api import wsgi_util
from nova_like.objects import quotas


def _name(request):
    name = request.urlvars['quota_class']
    if len(name) > quotas.CLASS_NAME_MAX:
        raise errors.bad_request(
            'quota_class_name has more than %d characters.'
            % quotas.CLASS_NAME_MAX)
    return name


def show(request):
    """GET: the class's limits (the defaults where it sets none)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.SHOW)
    name = _name(request)
    return wsgi_util.json_response(view.quota_class_set(
        request, name, quotas.class_limits(name)))


def update(request):
    """PUT: set some of the class's limits; answers all of them, no id."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.UPDATE)
    name = _name(request)
    body = validation.body(request, common_schema.for_version(
        schema.CLASS_UPDATE, microversion.of(request)))
    quotas.set_class_limits(name, {
        resource: int(limit)
        for resource, limit in body['quota_class_set'].items()})
    return wsgi_util.json_response(view.quota_class_set(
        request, None, quotas.class_limits(name)))
