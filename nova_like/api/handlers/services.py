# SPDX-License-Identifier: Apache-2.0
"""/os-services: list, enable/disable/force down, and delete.

Enable, disable and force down come in two styles, split at 2.53.
"""

from oslo_utils import uuidutils

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import services as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import services as schema
from nova_like.api import validation
from nova_like.api.views import services as view
from nova_like.api import wsgi_util
from nova_like.compute.api import hosts as host_api
from nova_like import exception
from nova_like.objects import service as service_obj


def index(request):
    """GET /os-services (admin), filtered by host and binary."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.LIST)
    params = validation.query(request, schema.QUERY)
    binary = validation.last(params, 'binary')
    found = host_api.service_list(
        context.elevated(), host=validation.last(params, 'host'),
        binary=binary and view.process_binary(binary))
    zones = host_api.host_zones(context)
    return wsgi_util.json_response({'services': [
        view.show(request, service, zones) for service, _cell in found
        if service.binary not in view.HIDDEN]})


def _by_host_binary(context, host, binary):
    for service, cell in host_api.service_list(
            context, host=host, binary=view.process_binary(binary)):
        if service.binary not in view.HIDDEN:
            return service, cell
    raise errors.not_found('Unknown service')


_LEGACY = {
    'enable': (schema.ENABLE, '2.1'),
    'disable': (schema.ENABLE, '2.1'),
    'disable-log-reason': (schema.DISABLE_LOG_REASON, '2.1'),
    'force-down': (schema.FORCE_DOWN, '2.11'),
}


@microversion.version_handler('2.1', '2.52')
def legacy_update(request):
    """PUT /os-services/{enable,disable,disable-log-reason,force-down}."""
    context = wsgi_util.context_of(request)
    action = request.urlvars['service_id']
    if action not in _LEGACY or not microversion.at_least(
            request, _LEGACY[action][1]):
        raise errors.not_found('Unknown action')
    policies.authorize(context, rules.UPDATE)
    body = validation.body(request, _LEGACY[action][0])
    service, cell = _by_host_binary(context.elevated(), body['host'],
                                    body['binary'])
    answer = {'host': service.host, 'binary': view.api_binary(service.binary)}
    if action == 'force-down':
        forced = common_schema.to_bool(body['forced_down'])
        host_api.service_update(context, service, cell,
                                {'forced_down': forced})
        answer['forced_down'] = forced
    else:
        disabled = action != 'enable'
        reason = body.get('disabled_reason')
        host_api.service_update(context, service, cell,
                                {'disabled': disabled,
                                 'disabled_reason': reason})
        answer['status'] = 'disabled' if disabled else 'enabled'
        if action == 'disable-log-reason':
            answer['disabled_reason'] = reason
    return wsgi_util.json_response({'service': answer})


def _service(request, context):
    service_id = request.urlvars['service_id']
    if microversion.at_least(request, '2.53') and \
            not uuidutils.is_uuid_like(service_id):
        raise errors.bad_request('Invalid uuid %s' % service_id)
    try:
        return host_api.service_get(context.elevated(), service_id)
    except exception.ServiceNotFound as exc:
        raise errors.not_found(exc.message)


@microversion.version_handler('2.53')
def update(request):
    """PUT /os-services/{service_uuid} (2.53): status, reason, forced_down."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.UPDATE)
    body = validation.body(request, schema.UPDATE)
    status = body.get('status')
    if 'disabled_reason' in body and status != 'disabled':
        raise errors.bad_request('Specifying a disabled_reason is only '
                                 'supported when the status is disabled.')
    service, cell = _service(request, context)
    if service.binary != service_obj.COMPUTE_BINARY:
        raise errors.bad_request(
            'Updating a %s service is not supported. Only %s services can '
            'be updated.' % (view.api_binary(service.binary),
                             view.api_binary(service_obj.COMPUTE_BINARY)))
    values = {}
    if status is not None:
        values['disabled'] = status == 'disabled'
        values['disabled_reason'] = body.get('disabled_reason')
    if 'forced_down' in body:
        values['forced_down'] = common_schema.to_bool(body['forced_down'])
    host_api.service_update(context, service, cell, values)
    return wsgi_util.json_response({'service': view.show(
        request, service, host_api.host_zones(context))})


def delete(request):
    """DELETE /os-services/{service_id}: 204; 409 while servers run there."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.DELETE)
    service, cell = _service(request, context)
    try:
        host_api.service_delete(context.elevated(), service, cell)
    except exception.ServiceInUse as exc:
        raise errors.conflict(exc.message)
    return wsgi_util.empty_response(204)
