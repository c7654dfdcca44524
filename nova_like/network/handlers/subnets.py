# SPDX-License-Identifier: Apache-2.0
"""/v2.0/subnets."""

from nova_like import exception
from nova_like.network.objects import base
from nova_like.network.objects import network as network_obj
from nova_like.network.objects import subnet as subnet_obj
from nova_like.network import policies
from nova_like.network.policies import subnet as policy
from nova_like.network import query
from nova_like.network import util


def _target(ctx, view):
    return policies.target_of(
        view, network_obj.get_for_policy(ctx, view['network_id']))


def _show(ctx, subnet_id):
    view = subnet_obj.get(ctx, subnet_id)
    target = _target(ctx, view)
    if not ctx.can(policy.GET, target, fatal=False):
        raise exception.SubnetNotFound(subnet_id=subnet_id)
    return view, target


def list_subnets(req):
    ctx = util.context(req)
    items = subnet_obj.list_all(ctx)
    if not ctx.admin:
        items = [view for view in items
                 if ctx.can(policy.GET, _target(ctx, view), fatal=False)]
    return util.response(query.apply(items, req.GET, 'subnets',
                                     util.url(req, '/v2.0/subnets')))


def create_subnet(req):
    ctx = util.context(req)
    body = util.body(req, 'subnet')
    if body.get('network_id'):
        # 404 for a network the caller cannot see, before policy.
        network_obj.get(ctx, body['network_id'])
    target = policies.target_of(
        {'project_id': base.owner(ctx, body)},
        network_obj.get_for_policy(ctx, body.get('network_id')))
    ctx.can(policy.CREATE, target)
    view = subnet_obj.create(ctx, body)
    util.dhcp_changed(req, view['network_id'])
    return util.response({'subnet': view}, 201)


def show_subnet(req):
    ctx = util.context(req)
    view, _target_ = _show(ctx, req.urlvars['id'])
    return util.response({'subnet': query.show_fields(view, req.GET)})


def update_subnet(req):
    ctx = util.context(req)
    body = util.body(req, 'subnet')
    _view, target = _show(ctx, req.urlvars['id'])
    ctx.can(policy.UPDATE, target)
    view = subnet_obj.update(ctx, req.urlvars['id'], body)
    util.dhcp_changed(req, view['network_id'])
    return util.response({'subnet': view})


def delete_subnet(req):
    ctx = util.context(req)
    _view, target = _show(ctx, req.urlvars['id'])
    ctx.can(policy.DELETE, target)
    network_id = subnet_obj.delete(ctx, req.urlvars['id'])
    util.dhcp_changed(req, network_id)
    return util.no_content()
