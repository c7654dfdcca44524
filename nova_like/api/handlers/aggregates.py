# SPDX-License-Identifier: Apache-2.0
"""/os-aggregates (admin): host aggregates.

Their hosts, metadata and availability zone.
"""

import re

from nova_like.api import errors
from nova_like.api import policies
from nova_like.api.policies import aggregates as rules
from nova_like.api.schemas import aggregates as schema
from nova_like.api import validation
from nova_like.api.views import aggregates as view
from nova_like.api import wsgi_util
from nova_like.compute.api import aggregates as aggregate_api
from nova_like import exception

_api = aggregate_api.AggregateAPI()
_MAX_ID = 2 ** 31 - 1
_ACTION_RULES = {'add_host': rules.ADD_HOST,
                 'remove_host': rules.REMOVE_HOST,
                 'set_metadata': rules.SET_METADATA}


def _aggregate_id(request):
    value = request.urlvars['aggregate_id']
    # ASCII digits: str.isdigit() also holds for '\u00b2' and '\u0661'.
    if not re.fullmatch('[0-9]+', value):
        raise errors.bad_request('Invalid aggregate_id %s: it must be an '
                                 'integer.' % value)
    if int(value) > _MAX_ID:
        # No row has it: the id column is a 32-bit INTEGER.
        raise errors.not_found('Aggregate %s could not be found.' % value)
    return int(value)


def _respond(request, aggregate, full=True):
    return wsgi_util.json_response(
        {'aggregate': view.show(request, aggregate, full)})


def _run(call, *args):
    """call(*args), with aggregate errors as Nova's status codes."""
    try:
        return call(*args)
    except (exception.AggregateNotFound, exception.ComputeHostNotFound,
            exception.AggregateHostNotFound) as exc:
        raise errors.not_found(exc.message)
    except exception.Conflict as exc:
        raise errors.conflict(exc.message)
    except exception.Invalid as exc:
        raise errors.bad_request(exc.message)


def index(request):
    """GET /os-aggregates."""
    policies.authorize(wsgi_util.context_of(request), rules.INDEX)
    return wsgi_util.json_response({'aggregates': [
        view.show(request, a) for a in _api.get_all(
            wsgi_util.context_of(request))]})


def create(request):
    """POST /os-aggregates: 200 with the new aggregate (no hosts yet)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.CREATE)
    values = validation.body(request, schema.CREATE)['aggregate']
    aggregate = _run(_api.create, context, values['name'],
                     values.get('availability_zone'))
    return _respond(request, aggregate, full=False)


def show(request):
    """GET /os-aggregates/{aggregate_id}."""
    policies.authorize(wsgi_util.context_of(request), rules.SHOW)
    return _respond(request, _run(_api.get, wsgi_util.context_of(request),
                                  _aggregate_id(request)))


def update(request):
    """PUT /os-aggregates/{aggregate_id}: name and/or availability_zone."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.UPDATE)
    values = validation.body(request, schema.UPDATE)['aggregate']
    aggregate = _run(lambda: _api.update(
        context, _aggregate_id(request), name=values.get('name'),
        zone=values.get('availability_zone'),
        set_zone='availability_zone' in values))
    return _respond(request, aggregate)


def delete(request):
    """DELETE /os-aggregates/{aggregate_id}: only an empty one (200)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.DELETE)
    _run(_api.delete, context, _aggregate_id(request))
    return wsgi_util.empty_response(200)


def action(request):
    """POST /os-aggregates/{aggregate_id}/action.

    The actions are add_host, remove_host and set_metadata.
    """
    context = wsgi_util.context_of(request)
    body = validation.body(request, schema.ACTION)
    name, args = next(iter(body.items()))
    policies.authorize(context, _ACTION_RULES[name])
    aggregate_id = _aggregate_id(request)
    if name == 'add_host':
        aggregate = _run(_api.add_host, context, aggregate_id, args['host'])
    elif name == 'remove_host':
        aggregate = _run(_api.remove_host, context, aggregate_id,
                         args['host'])
    else:
        aggregate = _run(_api.set_metadata, context, aggregate_id,
                         args['metadata'])
    return _respond(request, aggregate)
