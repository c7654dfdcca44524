# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/types/{type_id}/extra_specs[/{key}]."""

from nova_like.volume import errors
from nova_like.volume.handlers import types as types_handler
from nova_like.volume.policies import types as policy
from nova_like.volume import schemas
from nova_like.volume import util
from nova_like.volume import volume_types


def list_extra_specs(req):
    ctx = util.context(req)
    ctx.can(policy.SPECS_INDEX)
    with ctx.db.reader() as session:
        vtype = types_handler.visible(ctx, session, req.urlvars['type_id'])
    return util.response({'extra_specs': types_handler.visible_specs(
        ctx, vtype['extra_specs'])})


def create_extra_specs(req):
    ctx = util.context(req)
    ctx.can(policy.SPECS_CREATE)
    specs = schemas.validate(schemas.EXTRA_SPECS_BODY,
                             util.body(req))['extra_specs']
    with ctx.db.writer() as session:
        volume_types.set_extra_specs(session, req.urlvars['type_id'], specs)
    return util.response({'extra_specs': specs})


def show_extra_spec(req):
    ctx = util.context(req)
    ctx.can(policy.SPECS_SHOW)
    key = req.urlvars['key']
    with ctx.db.reader() as session:
        vtype = types_handler.visible(ctx, session, req.urlvars['type_id'])
    specs = types_handler.visible_specs(ctx, vtype['extra_specs'])
    if key not in specs:
        raise errors.ExtraSpecNotFound(volume_type_id=vtype['id'],
                                       extra_specs_key=key)
    return util.response({key: specs[key]})


def update_extra_spec(req):
    ctx = util.context(req)
    ctx.can(policy.SPECS_UPDATE)
    key = req.urlvars['key']
    item = schemas.validate(schemas.EXTRA_SPEC_ITEM, util.body(req))
    if key not in item:
        raise errors.bad_request('Request body and URI mismatch')
    with ctx.db.writer() as session:
        volume_types.set_extra_specs(session, req.urlvars['type_id'], item)
    return util.response(item)


def delete_extra_spec(req):
    ctx = util.context(req)
    ctx.can(policy.SPECS_DELETE)
    with ctx.db.writer() as session:
        volume_types.delete_extra_spec(session, req.urlvars['type_id'],
                                       req.urlvars['key'])
    return util.accepted()
