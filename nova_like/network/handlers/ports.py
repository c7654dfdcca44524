# SPDX-License-Identifier: Apache-2.0
"""/v2.0/ports."""

from nova_like import exception
from nova_like.network.objects import base
from nova_like.network.objects import network as network_obj
from nova_like.network.objects import port as port_obj
from nova_like.network import policies
from nova_like.network.policies import port as policy
from nova_like.network import query
from nova_like.network import util


def _show(ctx, port_id):
    view = port_obj.get(ctx, port_id)
    target = policies.target_of(
        view, network_obj.get_for_policy(ctx, view['network_id']))
    if not ctx.can(policy.GET, target, fatal=False):
        raise exception.PortNotFound(port_id=port_id)
    return view, target


def list_ports(req):
    ctx = util.context(req)
    items = [policies.hide_attributes(ctx, policy.GET, view)
             for view in port_obj.list_all(ctx)]
    return util.response(query.apply(items, req.GET, 'ports',
                                     util.url(req, '/v2.0/ports')))


def create_port(req):
    ctx = util.context(req)
    body = util.body(req, 'port')
    if body.get('network_id'):
        network = network_obj.get(ctx, body['network_id'])
    else:
        network = {}
    target = policies.target_of({'project_id': base.owner(ctx, body)},
                                network)
    ctx.can(policy.CREATE, target)
    policies.check_attributes(ctx, policy.CREATE, target, body)
    view = port_obj.create(ctx, body)
    util.dhcp_changed(req, view['network_id'])
    util.members_changed(req, view['security_groups'])
    if view['binding:host_id']:
        util.peers_changed(req, view['network_id'])
    return util.response(
        {'port': policies.hide_attributes(ctx, policy.GET, view)}, 201)


def show_port(req):
    ctx = util.context(req)
    view, _target = _show(ctx, req.urlvars['id'])
    view = policies.hide_attributes(ctx, policy.GET, view)
    return util.response({'port': query.show_fields(view, req.GET)})


def update_port(req):
    ctx = util.context(req)
    body = util.body(req, 'port')
    before, target = _show(ctx, req.urlvars['id'])
    ctx.can(policy.UPDATE, target)
    policies.check_attributes(ctx, policy.UPDATE, target, body)
    view = port_obj.update(ctx, req.urlvars['id'], body)
    if 'fixed_ips' in body or 'mac_address' in body:
        util.dhcp_changed(req, view['network_id'])
    if 'security_groups' in body or 'port_security_enabled' in body:
        util.rules_changed(req, port_ids=[view['id']])
        util.members_changed(req, set(before['security_groups']) ^
                             set(view['security_groups']))
    if 'fixed_ips' in body:
        util.members_changed(req, view['security_groups'])
    if before['binding:host_id'] != view['binding:host_id']:
        util.peers_changed(req, view['network_id'])
    return util.response(
        {'port': policies.hide_attributes(ctx, policy.GET, view)})


def delete_port(req):
    ctx = util.context(req)
    view, target = _show(ctx, req.urlvars['id'])
    ctx.can(policy.DELETE, target)
    network_id = port_obj.delete(ctx, req.urlvars['id'])
    util.dhcp_changed(req, network_id)
    util.members_changed(req, view['security_groups'])
    if view['binding:host_id']:
        util.peers_changed(req, network_id)
    return util.no_content()
