# SPDX-License-Identifier: Apache-2.0
"""Allocations of consumers and of resource providers.

/allocations, /allocations/{consumer_uuid} and
/resource_providers/{uuid}/allocations.
"""

from nova_like.placement import errors
from nova_like.placement import microversion
from nova_like.placement.handlers import resource_provider as rp_handler
from nova_like.placement.objects import allocation as alloc_obj
from nova_like.placement.objects import consumer as consumer_obj
from nova_like.placement.objects import resource_provider as rp_obj
from nova_like.placement.objects import usage as usage_obj
from nova_like.placement.policies import allocation as policies
from nova_like.placement.schemas import allocation as schema
from nova_like.placement import util


def _consumer_arg(req):
    value = req.urlvars['consumer_uuid']
    if not util.is_uuid(value):
        raise errors.BadRequest('Malformed consumer_uuid: %s is not a UUID'
                                % value)
    return util.normalize_uuid(value)


@util.wsgify
@microversion.version_handler('1.0')
@util.check_accept('application/json')
def list_for_consumer(req):
    ctx = util.context(req)
    ctx.can(policies.ALLOCATIONS_LIST)
    version = util.microversion(req)
    uuid = req.urlvars['consumer_uuid']
    uuid = util.normalize_uuid(uuid) if util.is_uuid(uuid) else uuid
    consumer, allocations, modified = alloc_obj.get_for_consumer(ctx, uuid)
    body = {'allocations': allocations}
    if version >= (1, 12) and consumer is not None and allocations:
        body['project_id'] = consumer.project_id
        body['user_id'] = consumer.user_id
        if version >= (1, 28):
            body['consumer_generation'] = consumer.generation
        if version >= (1, 38):
            body['consumer_type'] = (consumer.consumer_type
                                     or usage_obj.UNKNOWN_TYPE)
    return util.json_response(req, body, 200, modified)


@util.wsgify
@microversion.version_handler('1.0')
@util.check_accept('application/json')
def list_for_resource_provider(req):
    ctx = util.context(req)
    ctx.can(policies.RESOURCE_PROVIDERS_ALLOCATIONS_LIST)
    uuid = rp_handler._uuid_arg(req)
    with ctx.db.reader() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        allocations = alloc_obj.get_for_provider_in(ctx, s, rp.id)
    return util.json_response(req, {
        'allocations': allocations,
        'resource_provider_generation': rp.generation})


def _request(consumer_uuid, data, allocations, version):
    request = {
        'consumer_uuid': consumer_uuid,
        'project_id': data.get('project_id') or consumer_obj.INCOMPLETE_ID,
        'user_id': data.get('user_id') or consumer_obj.INCOMPLETE_ID,
        'allocations': allocations,
    }
    if version >= (1, 28):
        request['consumer_generation'] = data.get('consumer_generation')
    if version >= (1, 38):
        request['consumer_type'] = data['consumer_type']
    return request


def _dict_allocations(data):
    return {util.normalize_uuid(rp): entry['resources']
            for rp, entry in data['allocations'].items()}


@util.wsgify
@microversion.version_handler('1.0', '1.11')
@util.require_content('application/json')
def set_allocations_v1_0(req):
    """PUT with the list format of allocations."""
    ctx = util.context(req)
    ctx.can(policies.ALLOCATIONS_UPDATE)
    version = util.microversion(req)
    data = util.extract_json(req.body, schema.PUT_SCHEMA_V1_8
                             if version >= (1, 8) else schema.PUT_SCHEMA_V1_0)
    allocations = {}
    for item in data['allocations']:
        rp_uuid = util.normalize_uuid(item['resource_provider']['uuid'])
        if rp_uuid in allocations:
            raise errors.BadRequest(
                'Resource provider %s appears more than once in allocations'
                % rp_uuid)
        allocations[rp_uuid] = item['resources']
    alloc_obj.replace(ctx, [_request(_consumer_arg(req), data, allocations,
                                     version)], check_generation=False)
    return util.no_content()


def _put_schema(version):
    if version >= (1, 38):
        return schema.PUT_SCHEMA_V1_38
    if version >= (1, 28):
        return schema.PUT_SCHEMA_V1_28
    return schema.PUT_SCHEMA_V1_12


@util.wsgify
@microversion.version_handler('1.12')
@util.require_content('application/json')
def set_allocations(req):
    """PUT with the dict format of allocations (1.12 on)."""
    ctx = util.context(req)
    ctx.can(policies.ALLOCATIONS_UPDATE)
    version = util.microversion(req)
    data = util.extract_json(req.body, _put_schema(version))
    alloc_obj.replace(ctx, [_request(_consumer_arg(req), data,
                                     _dict_allocations(data), version)],
                      check_generation=version >= (1, 28))
    return util.no_content()


def _post_schema(version):
    if version >= (1, 38):
        return schema.POST_SCHEMA_V1_38
    if version >= (1, 28):
        return schema.POST_SCHEMA_V1_28
    return schema.POST_SCHEMA_V1_13


def requests_from_post(data, version):
    """Allocation requests of a POST /allocations (or reshaper) body."""
    return [_request(util.normalize_uuid(uuid), entry,
                     _dict_allocations(entry), version)
            for uuid, entry in sorted(data.items())]


@util.wsgify
@microversion.version_handler('1.13', status_code=405)
@util.require_content('application/json')
def set_allocations_for_consumers(req):
    ctx = util.context(req)
    ctx.can(policies.ALLOCATIONS_MANAGE)
    version = util.microversion(req)
    data = util.extract_json(req.body, _post_schema(version))
    alloc_obj.replace(ctx, requests_from_post(data, version),
                      check_generation=version >= (1, 28))
    return util.no_content()


@util.wsgify
@microversion.version_handler('1.0')
def delete_allocations(req):
    ctx = util.context(req)
    ctx.can(policies.ALLOCATIONS_DELETE)
    alloc_obj.delete_for_consumer(ctx, _consumer_arg(req))
    return util.no_content()
