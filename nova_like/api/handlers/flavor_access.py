# SPDX-License-Identifier: Apache-2.0
"""/flavors/{flavor_id}/os-flavor-access (admin).

With the addTenantAccess and removeTenantAccess actions.
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


def _body(flavor_id, projects):
    return {'flavor_access': [{'flavor_id': flavor_id, 'tenant_id': project}
                              for project in projects]}


def index(request):
    """GET: the projects that may use a private flavor."""
    policies.authorize(wsgi_util.context_of(request), rules.ACCESS)
    flavor = flavors.get_flavor(request)
    if flavor.is_public:
        raise errors.not_found('Access list not available for public '
                               'flavors.')
    return wsgi_util.json_response(_body(flavor.flavorid, flavor.projects))


def action(request):
    """POST .../action: addTenantAccess or removeTenantAccess."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, schema.ACTION)
    name, args = next(iter(body.items()))
    if name == 'addTenantAccess':
        policies.authorize(context, rules.ACCESS_ADD)
    else:
        policies.authorize(context, rules.ACCESS_REMOVE)
    flavor = flavors.get_flavor(request)
    if flavor.is_public:
        raise errors.conflict('Can not add access to a public flavor.')
    try:
        if name == 'addTenantAccess':
            projects = compute.API.flavor_access_add(context, flavor,
                                                     args['tenant'])
        else:
            projects = compute.API.flavor_access_remove(context, flavor,
                                                        args['tenant'])
    except exception.FlavorAccessExists as exc:
        raise errors.conflict(exc.message)
    except exception.FlavorAccessNotFound as exc:
        raise errors.not_found(exc.message)
    return wsgi_util.json_response(_body(flavor.flavorid, projects))
