# SPDX-License-Identifier: Apache-2.0
"""/flavors/{flavor_id}/os-extra_specs: a flavor's extra specs.

Everyone may read them; admins change them.
"""

from nova_like.api import errors
from nova_like.api.handlers import flavors
from nova_like.api import policies
from nova_like.api.policies import flavors as rules
from nova_like.api.schemas import flavors as schema
from nova_like.api import validation
from nova_like.api import wsgi_util
from nova_like.compute import api as compute
from nova_like import exception


def _as_strings(specs):
    return {key: str(value).lower() if isinstance(value, bool) else str(value)
            for key, value in specs.items()}


def index(request):
    """GET: {"extra_specs": {...}}."""
    policies.authorize(wsgi_util.context_of(request), rules.EXTRA_SPECS_INDEX)
    flavor = flavors.get_flavor(request)
    return wsgi_util.json_response({'extra_specs': dict(flavor.extra_specs)})


def create(request):
    """POST: add or change several extra specs (admin)."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, schema.EXTRA_SPECS_CREATE)
    policies.authorize(context, rules.EXTRA_SPECS_CREATE)
    flavor = flavors.get_flavor(request)
    specs = _as_strings(body['extra_specs'])
    compute.API.flavor_extra_specs_update(context, flavor, specs)
    return wsgi_util.json_response({'extra_specs': specs})


def show(request):
    """GET .../{key}: {key: value}."""
    policies.authorize(wsgi_util.context_of(request), rules.EXTRA_SPECS_SHOW)
    flavor = flavors.get_flavor(request)
    key = request.urlvars['key']
    if key not in flavor.extra_specs:
        raise errors.not_found(exception.FlavorExtraSpecsNotFound(
            flavor_id=flavor.flavorid, extra_specs_key=key).message)
    return wsgi_util.json_response({key: flavor.extra_specs[key]})


def update(request):
    """PUT .../{key} with {key: value} (admin)."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, schema.EXTRA_SPEC_UPDATE)
    policies.authorize(context, rules.EXTRA_SPECS_UPDATE)
    key = request.urlvars['key']
    if key not in body:
        raise errors.bad_request('Request body and URI mismatch')
    flavor = flavors.get_flavor(request)
    specs = _as_strings(body)
    compute.API.flavor_extra_specs_update(context, flavor, specs)
    return wsgi_util.json_response(specs)


def delete(request):
    """DELETE .../{key} (admin): 200 without a body, as Nova."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.EXTRA_SPECS_DELETE)
    flavor = flavors.get_flavor(request)
    try:
        compute.API.flavor_extra_spec_delete(context, flavor,
                                             request.urlvars['key'])
    except exception.FlavorExtraSpecsNotFound as exc:
        raise errors.not_found(exc.message)
    return wsgi_util.empty_response(200)
