# SPDX-License-Identifier: Apache-2.0
"""/resource_providers and /resource_providers/{uuid}."""

import uuid as uuid_lib

from nova_like.placement import errors
from nova_like.placement import microversion
from nova_like.placement.objects import resource_class as rc_obj
from nova_like.placement.objects import request_group
from nova_like.placement.objects import resource_provider as rp_obj
from nova_like.placement.objects import trait as trait_obj
from nova_like.placement.policies import resource_provider as policies
from nova_like.placement.schemas import resource_provider as schema
from nova_like.placement import util


def serialize_provider(req, rp):
    version = util.microversion(req)
    base = util.resource_provider_url(rp.uuid)
    links = [{'rel': 'self', 'href': base},
             {'rel': 'inventories', 'href': base + '/inventories'},
             {'rel': 'usages', 'href': base + '/usages'}]
    if version >= (1, 1):
        links.append({'rel': 'aggregates', 'href': base + '/aggregates'})
    if version >= (1, 6):
        links.append({'rel': 'traits', 'href': base + '/traits'})
    if version >= (1, 11):
        links.append({'rel': 'allocations', 'href': base + '/allocations'})
    data = {'uuid': rp.uuid, 'name': rp.name, 'generation': rp.generation,
            'links': links}
    if version >= (1, 14):
        data['parent_provider_uuid'] = rp.parent_provider_uuid
        data['root_provider_uuid'] = rp.root_provider_uuid
    return data


def _provider_response(req, rp, status=200):
    return util.json_response(req, serialize_provider(req, rp), status,
                              util.latest(rp.updated_at, rp.created_at))


def _uuid_arg(req):
    value = req.urlvars['uuid']
    if not util.is_uuid(value):
        raise errors.provider_not_found(value)
    return util.normalize_uuid(value)


def _list_filters(ctx, req, version):
    params = util.validate_query(req, schema.query_schema(version))
    filters = {}
    if 'name' in params:
        filters['name'] = params['name']
    if 'uuid' in params:
        filters['uuid'] = util.normalize_uuid(params['uuid'])
    if 'in_tree' in params:
        filters['in_tree'] = util.normalize_uuid(params['in_tree'])
    member_of, forbidden = [], set()
    for value in req.GET.getall('member_of'):
        any_of, forb = request_group.parse_member_of(
            value, 'member_of', version >= (1, 32))
        if any_of:
            member_of.append(any_of)
        forbidden |= forb
    filters['member_of'], filters['forbidden_aggs'] = member_of, forbidden
    if 'resources' in params:
        wanted = request_group.parse_resources(params['resources'])
        filters['resources'] = {rc_obj.ids_for(ctx, [n])[n]: a
                                for n, a in wanted.items()}
    required_any, forbidden_traits = [], set()
    for value in req.GET.getall('required'):
        req_any, forb = request_group.parse_required(
            value, 'required', version >= (1, 22), version >= (1, 39))
        required_any += req_any
        forbidden_traits |= forb
    names = forbidden_traits.union(*required_any) if required_any \
        else set(forbidden_traits)
    ids = trait_obj.ids_for(ctx, names)
    filters['required_any'] = [{ids[n] for n in s} for s in required_any]
    filters['forbidden_traits'] = {ids[n] for n in forbidden_traits}
    return filters


@util.wsgify
@microversion.version_handler('1.0')
@util.check_accept('application/json')
def list_resource_providers(req):
    ctx = util.context(req)
    ctx.can(policies.LIST)
    filters = _list_filters(ctx, req, util.microversion(req))
    providers = rp_obj.get_all(ctx, **filters)
    return util.json_response(req, {'resource_providers': [
        serialize_provider(req, rp) for rp in providers]})


@util.wsgify
@microversion.version_handler('1.0')
@util.check_accept('application/json')
def get_resource_provider(req):
    ctx = util.context(req)
    ctx.can(policies.SHOW)
    return _provider_response(req, rp_obj.get_by_uuid(ctx, _uuid_arg(req)))


@util.wsgify
@microversion.version_handler('1.0')
@util.require_content('application/json')
def create_resource_provider(req):
    ctx = util.context(req)
    ctx.can(policies.CREATE)
    version = util.microversion(req)
    body = util.extract_json(
        req.body, schema.POST_SCHEMA_V1_14 if version >= (1, 14)
        else schema.POST_SCHEMA_V1_0)
    uuid = util.normalize_uuid(body['uuid']) if body.get('uuid') \
        else str(uuid_lib.uuid4())
    parent = body.get('parent_provider_uuid')
    rp = rp_obj.create(ctx, uuid, body['name'],
                       util.normalize_uuid(parent) if parent else None)
    if version >= (1, 20):
        resp = _provider_response(req, rp)
    else:
        resp = util.no_content()
        resp.status = 201
    resp.location = util.resource_provider_url(rp.uuid)
    return resp


@util.wsgify
@microversion.version_handler('1.0')
@util.require_content('application/json')
def update_resource_provider(req):
    ctx = util.context(req)
    ctx.can(policies.UPDATE)
    version = util.microversion(req)
    uuid = _uuid_arg(req)
    body = util.extract_json(req.body, schema.PUT_SCHEMA_V1_14
                             if version >= (1, 14) else schema.PUT_SCHEMA_V1_0)
    current = rp_obj.get_by_uuid(ctx, uuid)
    if 'parent_provider_uuid' in body:
        parent = body['parent_provider_uuid']
        parent = util.normalize_uuid(parent) if parent else None
    else:
        parent = current.parent_provider_uuid
    rp = rp_obj.update(ctx, uuid, body['name'], parent,
                       reparent_allowed=version >= (1, 37))
    return _provider_response(req, rp)


@util.wsgify
@microversion.version_handler('1.0')
def delete_resource_provider(req):
    ctx = util.context(req)
    ctx.can(policies.DELETE)
    rp_obj.destroy(ctx, _uuid_arg(req))
    return util.no_content()
