# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/os-interface: list, show, attach and detach ports."""

import oslo_messaging as messaging
import webob.exc

from nova_like.api import errors
from nova_like.api.handlers import server_networks
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api.policies import attach_interfaces as rules
from nova_like.api.schemas import attach_interfaces as schema
from nova_like.api.schemas import common as common_schema
from nova_like.api import validation
from nova_like.api.views import attach_interfaces as view
from nova_like.api import wsgi_util
from nova_like import exception


def _interfaces(context, instance):
    with server_networks.unreachable_is_503():
        return servers.compute_api().interfaces(context, instance)


def index(request):
    """GET /servers/{server_id}/os-interface."""
    context, instance = servers.get_authorized_server(request, rules.LIST)
    return wsgi_util.json_response(
        view.index(request, _interfaces(context, instance)))


def show(request):
    """GET /servers/{server_id}/os-interface/{port_id}."""
    context, instance = servers.get_authorized_server(request, rules.SHOW)
    port_id = request.urlvars['port_id']
    for vif in _interfaces(context, instance):
        if vif['id'] == port_id:
            return wsgi_util.json_response(
                {'interfaceAttachment': view.show(request, vif)})
    raise errors.not_found('Instance %s does not have a port with id %s'
                           % (instance.uuid, port_id))


def create(request):
    """POST /servers/{server_id}/os-interface: attach a port (200)."""
    body = validation.body(request, common_schema.for_version(
        schema.CREATE, microversion.of(request)))
    context, instance = servers.get_authorized_server(request, rules.CREATE)
    attachment = body.get('interfaceAttachment') or {}
    network_id = attachment.get('net_id')
    port_id = attachment.get('port_id')
    fixed_ip = (attachment.get('fixed_ips') or [{}])[0].get('ip_address')
    if network_id and port_id:
        raise errors.bad_request('Must not input both network_id and '
                                 'port_id')
    if fixed_ip and not network_id:
        raise errors.bad_request('Must input network_id when request IP '
                                 'address')
    try:
        vif = servers.compute_api().attach_interface(
            context, instance, network_id=network_id, port_id=port_id,
            fixed_ip=fixed_ip, tag=attachment.get('tag'))
    except (exception.NetworkAmbiguous,
            exception.IpAddressGenerationFailure) as exc:
        raise errors.bad_request(exc.message)
    except messaging.MessagingTimeout as exc:
        raise webob.exc.HTTPServiceUnavailable(
            explanation='Compute host %s did not attach the interface in '
                        'time: %s' % (instance.host,
                                      exception.reason_of(exc)))
    return wsgi_util.json_response(
        {'interfaceAttachment': view.show(request, vif)})


def delete(request):
    """DELETE /servers/{server_id}/os-interface/{port_id} (202)."""
    context, instance = servers.get_authorized_server(request, rules.DELETE)
    try:
        servers.compute_api().detach_interface(
            context, instance, request.urlvars['port_id'])
    except messaging.MessagingTimeout as exc:
        raise webob.exc.HTTPServiceUnavailable(
            explanation='Compute host %s did not detach the interface in '
                        'time: %s' % (instance.host,
                                      exception.reason_of(exc)))
    return wsgi_util.empty_response(202)
