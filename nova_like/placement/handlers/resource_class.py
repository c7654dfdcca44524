# SPDX-License-Identifier: Apache-2.0
"""/resource_classes and /resource_classes/{name}."""

import re

from nova_like.placement import errors
from nova_like.placement import microversion
from nova_like.placement.objects import resource_class as rc_obj
from nova_like.placement.policies import resource_class as policies
from nova_like.placement.schemas import common
from nova_like.placement.schemas import resource_class as schema
from nova_like.placement import util

_CUSTOM_RE = re.compile(common.CUSTOM_RC_NAME['pattern'])


def _serialize(rc):
    return {'name': rc.name,
            'links': [{'rel': 'self', 'href': '/resource_classes/%s'
                       % rc.name}]}


@util.wsgify
@microversion.version_handler('1.2')
@util.check_accept('application/json')
def list_resource_classes(req):
    ctx = util.context(req)
    ctx.can(policies.LIST)
    return util.json_response(req, {'resource_classes': [
        _serialize(rc) for rc in rc_obj.get_all(ctx)]})


@util.wsgify
@microversion.version_handler('1.2')
@util.check_accept('application/json')
def get_resource_class(req):
    ctx = util.context(req)
    ctx.can(policies.SHOW)
    rc = rc_obj.get_by_name(ctx, req.urlvars['name'])
    return util.json_response(req, _serialize(rc), 200,
                              util.latest(rc.updated_at, rc.created_at))


@util.wsgify
@microversion.version_handler('1.2')
@util.require_content('application/json')
def create_resource_class(req):
    ctx = util.context(req)
    ctx.can(policies.CREATE)
    data = util.extract_json(req.body, schema.POST_SCHEMA)
    rc = rc_obj.create(ctx, data['name'])
    resp = util.no_content()
    resp.status = 201
    resp.location = '/resource_classes/%s' % rc.name
    return resp


@util.wsgify
@microversion.version_handler('1.2', '1.6')
@util.require_content('application/json')
def update_resource_class(req):
    """Rename a custom class (removed at 1.7)."""
    ctx = util.context(req)
    ctx.can(policies.UPDATE)
    data = util.extract_json(req.body, schema.PUT_SCHEMA_V1_2)
    rc = rc_obj.update(ctx, req.urlvars['name'], data['name'])
    return util.json_response(req, _serialize(rc))


@util.wsgify
@microversion.version_handler('1.7')
def ensure_resource_class(req):
    """Create a custom class unless it exists (201), or say it does (204)."""
    ctx = util.context(req)
    ctx.can(policies.UPDATE)
    name = req.urlvars['name']
    if not _CUSTOM_RE.match(name):
        raise errors.BadRequest(
            'JSON does not validate: %r does not match %r (at name)'
            % (name, common.CUSTOM_RC_NAME['pattern']))
    created = rc_obj.ensure(ctx, name)
    resp = util.no_content()
    if created:
        resp.status = 201
    resp.location = '/resource_classes/%s' % name
    if util.microversion(req) >= (1, 15):
        resp.cache_control = 'no-cache'
        resp.headers['Last-Modified'] = util.http_date()
    return resp


@util.wsgify
@microversion.version_handler('1.2')
def delete_resource_class(req):
    ctx = util.context(req)
    ctx.can(policies.DELETE)
    rc_obj.destroy(ctx, req.urlvars['name'])
    return util.no_content()
