# SPDX-License-Identifier: Apache-2.0
"""/resource_providers/{uuid}/inventories[/{resource_class}]."""

from nova_like.placement import errors
from nova_like.placement import microversion
from nova_like.placement.handlers import resource_provider as rp_handler
from nova_like.placement.objects import inventory as inv_obj
from nova_like.placement.policies import inventory as policies
from nova_like.placement.schemas import inventory as schema
from nova_like.placement import util


def _with_defaults(name, data, version):
    inv = dict(inv_obj.DEFAULTS)
    inv['max_unit'] = data.get('total', inv['max_unit'])
    inv.update({k: v for k, v in data.items() if k in inv_obj.FIELDS})
    inv_obj.validate(name, inv, allow_reserved_equal_total=version >= (1, 26))
    return inv


def _serialize(name, inv):
    return {f: inv[f] for f in inv_obj.FIELDS}


def _one_response(req, rp, name, inv, status=200):
    body = _serialize(name, inv)
    body['resource_provider_generation'] = rp.generation
    resp = util.json_response(req, body, status)
    if status == 201:
        resp.location = '%s/inventories/%s' % (
            util.resource_provider_url(rp.uuid), name)
    return resp


def _all_response(req, rp, invs):
    return util.json_response(req, {
        'resource_provider_generation': rp.generation,
        'inventories': {n: _serialize(n, i) for n, i in invs.items()}})


@util.wsgify
@microversion.version_handler('1.0')
@util.check_accept('application/json')
def get_inventories(req):
    ctx = util.context(req)
    ctx.can(policies.LIST)
    rp, invs, _ = inv_obj.get_all(ctx, rp_handler._uuid_arg(req))
    return _all_response(req, rp, invs)


@util.wsgify
@microversion.version_handler('1.0')
@util.check_accept('application/json')
def get_inventory(req):
    ctx = util.context(req)
    ctx.can(policies.SHOW)
    name = req.urlvars['resource_class']
    rp, invs, _ = inv_obj.get_all(ctx, rp_handler._uuid_arg(req))
    if name not in invs:
        raise errors.NotFound('No inventory of class %s for %s'
                              % (name, rp.uuid))
    return _one_response(req, rp, name, invs[name])


@util.wsgify
@microversion.version_handler('1.0')
@util.require_content('application/json')
def create_inventory(req):
    ctx = util.context(req)
    ctx.can(policies.CREATE)
    data = util.extract_json(req.body, schema.POST_SCHEMA)
    name = data['resource_class']
    inv = _with_defaults(name, data, util.microversion(req))
    rp = inv_obj.set_one(ctx, rp_handler._uuid_arg(req),
                         data['resource_provider_generation'], name, inv,
                         must_exist=False)
    return _one_response(req, rp, name, inv, status=201)


@util.wsgify
@microversion.version_handler('1.0')
@util.require_content('application/json')
def update_inventory(req):
    ctx = util.context(req)
    ctx.can(policies.UPDATE)
    name = req.urlvars['resource_class']
    data = util.extract_json(req.body, schema.PUT_ONE_SCHEMA)
    inv = _with_defaults(name, data, util.microversion(req))
    rp = inv_obj.set_one(ctx, rp_handler._uuid_arg(req),
                         data['resource_provider_generation'], name, inv,
                         must_exist=True)
    return _one_response(req, rp, name, inv)


@util.wsgify
@microversion.version_handler('1.0')
@util.require_content('application/json')
def set_inventories(req):
    ctx = util.context(req)
    ctx.can(policies.UPDATE)
    data = util.extract_json(req.body, schema.PUT_ALL_SCHEMA)
    version = util.microversion(req)
    invs = {name: _with_defaults(name, inv, version)
            for name, inv in data['inventories'].items()}
    rp, stored = inv_obj.replace_all(ctx, rp_handler._uuid_arg(req),
                                     data['resource_provider_generation'],
                                     invs)
    return _all_response(req, rp, stored)


@util.wsgify
@microversion.version_handler('1.0')
def delete_inventory(req):
    ctx = util.context(req)
    ctx.can(policies.DELETE)
    inv_obj.delete_one(ctx, rp_handler._uuid_arg(req),
                       req.urlvars['resource_class'])
    return util.no_content()


@util.wsgify
@microversion.version_handler('1.5', status_code=405)
def delete_inventories(req):
    ctx = util.context(req)
    ctx.can(policies.DELETE)
    inv_obj.delete_all(ctx, rp_handler._uuid_arg(req))
    return util.no_content()
