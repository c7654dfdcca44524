# SPDX-License-Identifier: Apache-2.0
"""/traits, /traits/{name} and /resource_providers/{uuid}/traits."""

import re

from nova_like.placement import errors
from nova_like.placement import microversion
from nova_like.placement.handlers import resource_provider as rp_handler
from nova_like.placement.objects import trait as trait_obj
from nova_like.placement.policies import trait as policies
from nova_like.placement.schemas import common
from nova_like.placement.schemas import trait as schema
from nova_like.placement import util

_CUSTOM_RE = re.compile(common.CUSTOM_TRAIT_NAME['pattern'])


@util.wsgify
@microversion.version_handler('1.6')
@util.check_accept('application/json')
def list_traits(req):
    ctx = util.context(req)
    ctx.can(policies.TRAITS_LIST)
    params = util.validate_query(req, schema.LIST_QUERY_SCHEMA)
    kwargs = {}
    name = params.get('name')
    if name is not None:
        if name.startswith('in:'):
            kwargs['name_in'] = [n.strip() for n in name[3:].split(',')]
        else:
            kwargs['starts_with'] = name[len('startswith:'):]
    if 'associated' in params:
        kwargs['associated'] = params['associated'] == 'true'
    traits = trait_obj.get_all(ctx, **kwargs)
    return util.json_response(req, {'traits': [t.name for t in traits]})


@util.wsgify
@microversion.version_handler('1.6')
def get_trait(req):
    ctx = util.context(req)
    ctx.can(policies.TRAITS_SHOW)
    trait = trait_obj.get_by_name(ctx, req.urlvars['name'])
    resp = util.no_content()
    if util.microversion(req) >= (1, 15):
        resp.cache_control = 'no-cache'
        resp.headers['Last-Modified'] = util.http_date(
            util.latest(trait.updated_at, trait.created_at))
    return resp


@util.wsgify
@microversion.version_handler('1.6')
def put_trait(req):
    ctx = util.context(req)
    ctx.can(policies.TRAITS_UPDATE)
    name = req.urlvars['name']
    if not _CUSTOM_RE.match(name) or len(name) > 255:
        raise errors.BadRequest(
            'The trait is invalid. A valid trait must be no longer than 255 '
            'characters, start with the prefix "CUSTOM_" and use following '
            'characters: "A"-"Z", "0"-"9" and "_"')
    created = trait_obj.ensure(ctx, name)
    resp = util.no_content()
    if created:
        resp.status = 201
    resp.location = '/traits/%s' % name
    if util.microversion(req) >= (1, 15):
        resp.cache_control = 'no-cache'
        resp.headers['Last-Modified'] = util.http_date()
    return resp


@util.wsgify
@microversion.version_handler('1.6')
def delete_trait(req):
    ctx = util.context(req)
    ctx.can(policies.TRAITS_DELETE)
    trait_obj.destroy(ctx, req.urlvars['name'])
    return util.no_content()


def _provider_traits_response(req, generation, names):
    return util.json_response(req, {
        'traits': names, 'resource_provider_generation': generation})


@util.wsgify
@microversion.version_handler('1.6')
@util.check_accept('application/json')
def list_provider_traits(req):
    ctx = util.context(req)
    ctx.can(policies.RESOURCE_PROVIDERS_TRAITS_LIST)
    rp, names = trait_obj.get_for_provider(ctx, rp_handler._uuid_arg(req))
    return _provider_traits_response(req, rp.generation, names)


@util.wsgify
@microversion.version_handler('1.6')
@util.require_content('application/json')
def update_provider_traits(req):
    ctx = util.context(req)
    ctx.can(policies.RESOURCE_PROVIDERS_TRAITS_UPDATE)
    data = util.extract_json(req.body, schema.SET_SCHEMA)
    generation = trait_obj.set_for_provider(
        ctx, rp_handler._uuid_arg(req), data['resource_provider_generation'],
        data['traits'])
    return _provider_traits_response(req, generation, sorted(data['traits']))


@util.wsgify
@microversion.version_handler('1.6')
def delete_provider_traits(req):
    ctx = util.context(req)
    ctx.can(policies.RESOURCE_PROVIDERS_TRAITS_DELETE)
    trait_obj.delete_for_provider(ctx, rp_handler._uuid_arg(req))
    return util.no_content()
