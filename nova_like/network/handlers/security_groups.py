# SPDX-License-Identifier: Apache-2.0
"""/v2.0/security-groups."""

from nova_like import exception
from nova_like.network.objects import base
from nova_like.network.objects import security_group as sg_obj
from nova_like.network import policies
from nova_like.network.policies import security_group as policy
from nova_like.network import query
from nova_like.network import util


def _show(ctx, group_id):
    view = sg_obj.get(ctx, group_id)
    target = policies.target_of(view)
    if not ctx.can(policy.GET, target, fatal=False):
        raise exception.SecurityGroupNotFound(id=group_id)
    return view, target


def list_security_groups(req):
    ctx = util.context(req)
    items = [view for view in sg_obj.list_all(ctx)
             if ctx.can(policy.GET, policies.target_of(view), fatal=False)]
    return util.response(query.apply(
        items, req.GET, 'security_groups',
        util.url(req, '/v2.0/security-groups')))


def create_security_group(req):
    ctx = util.context(req)
    body = util.body(req, 'security_group')
    ctx.can(policy.CREATE, {'project_id': base.owner(ctx, body)})
    return util.response({'security_group': sg_obj.create(ctx, body)}, 201)


def show_security_group(req):
    ctx = util.context(req)
    view, _target = _show(ctx, req.urlvars['id'])
    return util.response({'security_group': query.show_fields(view,
                                                              req.GET)})


def update_security_group(req):
    ctx = util.context(req)
    body = util.body(req, 'security_group')
    _view, target = _show(ctx, req.urlvars['id'])
    ctx.can(policy.UPDATE, target)
    return util.response({'security_group': sg_obj.update(
        ctx, req.urlvars['id'], body)})


def delete_security_group(req):
    ctx = util.context(req)
    _view, target = _show(ctx, req.urlvars['id'])
    ctx.can(policy.DELETE, target)
    util.rules_changed(req, group_ids=sg_obj.delete(ctx, req.urlvars['id']))
    return util.no_content()
