# SPDX-License-Identifier: Apache-2.0
"""/flavors: list, show, create, describe (2.55) and delete flavors."""

from oslo_utils import strutils
from oslo_utils import uuidutils

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import flavors as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import flavors as schema
from nova_like.api import validation
from nova_like.api.views import common as common_view
from nova_like.api.views import flavors as view
from nova_like.api import wsgi_util
from nova_like.compute import api as compute
from nova_like import exception
from nova_like import objects


def _is_admin(context):
    return policies.authorize(context, rules.MANAGE_CREATE, fatal=False)


def get_flavor(request, flavor_id=None):
    """The flavor of the URL, or 404 (also for a private flavor the caller
    may not use)."""
    context = wsgi_util.context_of(request)
    flavor_id = flavor_id or request.urlvars['flavor_id']
    try:
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
    except exception.FlavorNotFound as exc:
        raise errors.not_found(exc.message)
    if not flavor.is_public and not _is_admin(context) and \
            context.project_id not in flavor.projects:
        raise errors.not_found(
            exception.FlavorNotFound(flavor_id=flavor_id).message)
    return flavor


def _is_public_filter(context, params):
    """True, False or None (both) from ?is_public, as Nova reads it; a
    project member always sees the public ones (a bad value is a 400
    whoever sends it)."""
    value = validation.last(params, 'is_public')
    if value is None:
        wanted = True
    elif value.lower() == 'none':
        wanted = None
    else:
        try:
            wanted = strutils.bool_from_string(value, strict=True)
        except ValueError:
            raise errors.bad_request('Invalid is_public filter [%s]' % value)
    return wanted if _is_admin(context) else True


def _list(request):
    context = wsgi_util.context_of(request)
    params = validation.query(request, schema.QUERY[-1][1]
                              if microversion.at_least(request, '2.75')
                              else schema.QUERY[0][1])
    filters = {'is_public': _is_public_filter(context, params)}
    if not _is_admin(context):
        filters['project_id'] = context.project_id
        filters['disabled'] = False
    if 'minRam' in params:
        filters['min_memory_mb'] = int(validation.last(params, 'minRam'))
    if 'minDisk' in params:
        filters['min_root_gb'] = int(validation.last(params, 'minDisk'))
    sort_key = validation.last(params, 'sort_key', 'flavorid')
    sort_dir = validation.last(params, 'sort_dir', 'asc')
    limit = common_view.limit_of(params)
    marker = validation.last(params, 'marker')
    try:
        flavors = compute.API.flavor_get_all(context, filters, sort_key,
                                             sort_dir, limit, marker)
    except exception.MarkerNotFound:
        raise errors.bad_request('marker [%s] not found' % marker)
    return flavors, limit


def index(request):
    """GET /flavors: id, name and links (and description from 2.55)."""
    flavors, limit = _list(request)
    return wsgi_util.json_response(view.index(request, flavors, limit))


def detail(request):
    """GET /flavors/detail."""
    flavors, limit = _list(request)
    return wsgi_util.json_response(view.detail(request, flavors, limit))


def show(request):
    """GET /flavors/{flavor_id}."""
    return wsgi_util.json_response(
        {'flavor': view.show(request, get_flavor(request))})


def create(request):
    """POST /flavors (admin): 200 with the new flavor."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, schema.CREATE[-1][1]
                           if microversion.at_least(request, '2.55')
                           else schema.CREATE[0][1])
    policies.authorize(context, rules.MANAGE_CREATE)
    values = body['flavor']
    flavor_id = values.get('id')
    if flavor_id is None:
        flavor_id = uuidutils.generate_uuid()
    flavor_id = str(flavor_id)
    name = values['name']
    is_public = common_schema.to_bool(
        values.get('os-flavor-access:is_public', True))
    for what, value, lookup in (('name', name, objects.Flavor.get_by_name),
                                ('ID', flavor_id,
                                 objects.Flavor.get_by_flavor_id)):
        try:
            lookup(context, value)
        except exception.FlavorNotFound:
            continue
        raise errors.conflict(exception.FlavorExists(what=what,
                                                     value=value).message)
    flavor = objects.Flavor(
        context, flavorid=flavor_id, name=name,
        memory_mb=int(values['ram']), vcpus=int(values['vcpus']),
        root_gb=int(values['disk']),
        ephemeral_gb=int(values.get('OS-FLV-EXT-DATA:ephemeral', 0)),
        swap=int(values.get('swap', 0)),
        rxtx_factor=float(values.get('rxtx_factor', 1.0)),
        is_public=is_public, description=values.get('description'))
    try:
        flavor.create()
    except exception.DuplicateEntry:
        raise errors.conflict('Flavor with name %s or ID %s already exists.'
                              % (name, flavor_id))
    return wsgi_util.json_response({'flavor': view.show(
        request, flavor, include_extra_specs=True)})


@microversion.version_handler('2.55')
def update(request):
    """PUT /flavors/{flavor_id} (admin, 2.55): change the description."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, schema.UPDATE)
    policies.authorize(context, rules.MANAGE_UPDATE)
    flavor = get_flavor(request)
    flavor = compute.API.flavor_update(
        context, flavor, {'description': body['flavor']['description']})
    return wsgi_util.json_response({'flavor': view.show(request, flavor)})


def delete(request):
    """DELETE /flavors/{flavor_id} (admin): 202."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.MANAGE_DELETE)
    flavor = get_flavor(request)
    try:
        flavor.destroy()
    except exception.FlavorNotFound as exc:
        raise errors.not_found(exc.message)
    return wsgi_util.empty_response(202)
