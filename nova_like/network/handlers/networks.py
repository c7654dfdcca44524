# SPDX-License-Identifier: Apache-2.0
"""/v2.0/networks."""

from nova_like import exception
from nova_like.network.objects import base
from nova_like.network.objects import network as network_obj
from nova_like.network import policies
from nova_like.network.policies import network as policy
from nova_like.network import query
from nova_like.network import util


def _visible(ctx, view):
    return ctx.can(policy.GET, policies.target_of(view), fatal=False)


def _show(ctx, network_id):
    view = network_obj.get(ctx, network_id)
    if not _visible(ctx, view):
        raise exception.NetworkNotFound(net_id=network_id)
    return view


def list_networks(req):
    ctx = util.context(req)
    items = [policies.hide_attributes(ctx, policy.GET, view)
             for view in network_obj.list_all(ctx) if _visible(ctx, view)]
    return util.response(query.apply(items, req.GET, 'networks',
                                     util.url(req, '/v2.0/networks')))


def create_network(req):
    ctx = util.context(req)
    body = util.body(req, 'network')
    target = {'project_id': base.owner(ctx, body)}
    ctx.can(policy.CREATE, target)
    policies.check_attributes(ctx, policy.CREATE, target, body)
    view = network_obj.create(ctx, body)
    return util.response(
        {'network': policies.hide_attributes(ctx, policy.GET, view)}, 201)


def show_network(req):
    ctx = util.context(req)
    view = _show(ctx, req.urlvars['id'])
    view = policies.hide_attributes(ctx, policy.GET, view)
    return util.response({'network': query.show_fields(view, req.GET)})


def update_network(req):
    ctx = util.context(req)
    body = util.body(req, 'network')
    target = policies.target_of(_show(ctx, req.urlvars['id']))
    ctx.can(policy.UPDATE, target)
    policies.check_attributes(ctx, policy.UPDATE, target, body)
    view = network_obj.update(ctx, req.urlvars['id'], body)
    return util.response(
        {'network': policies.hide_attributes(ctx, policy.GET, view)})


def delete_network(req):
    ctx = util.context(req)
    ctx.can(policy.DELETE, policies.target_of(_show(ctx, req.urlvars['id'])))
    network_obj.delete(ctx, req.urlvars['id'])
    util.dhcp_changed(req, req.urlvars['id'])
    return util.no_content()
