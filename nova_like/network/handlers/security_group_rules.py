# SPDX-License-Identifier: Apache-2.0
"""/v2.0/security-group-rules."""

from nova_like import exception
from nova_like.network.objects import security_group as sg_obj
from nova_like.network import policies
from nova_like.network.policies import security_group_rule as policy
from nova_like.network import query
from nova_like.network import util


def _show(ctx, rule_id):
    view = sg_obj.get_rule(ctx, rule_id)
    target = policies.target_of(view)
    if not ctx.can(policy.GET, target, fatal=False):
        raise exception.SecurityGroupRuleNotFound(id=rule_id)
    return view, target


def list_security_group_rules(req):
    ctx = util.context(req)
    items = [view for view in sg_obj.list_rules(ctx)
             if ctx.can(policy.GET, policies.target_of(view), fatal=False)]
    return util.response(query.apply(
        items, req.GET, 'security_group_rules',
        util.url(req, '/v2.0/security-group-rules')))


def create_security_group_rule(req):
    ctx = util.context(req)
    body = util.body(req, 'security_group_rule')
    group_id = body.get('security_group_id')
    if group_id:
        group = sg_obj.get(ctx, group_id)
        ctx.can(policy.CREATE, policies.target_of(group))
    rule = sg_obj.create_rule(ctx, body)
    util.rules_changed(req, group_ids=[rule['security_group_id']])
    return util.response({'security_group_rule': rule}, 201)


def show_security_group_rule(req):
    ctx = util.context(req)
    view, _target = _show(ctx, req.urlvars['id'])
    return util.response({'security_group_rule': query.show_fields(
        view, req.GET)})


def delete_security_group_rule(req):
    ctx = util.context(req)
    view, target = _show(ctx, req.urlvars['id'])
    ctx.can(policy.DELETE, target)
    sg_obj.delete_rule(ctx, req.urlvars['id'])
    util.rules_changed(req, group_ids=[view['security_group_id']])
    return util.no_content()
