# SPDX-License-Identifier: Apache-2.0
"""/resource_providers/{uuid}/usages and /usages."""

from nova_like.placement import microversion
from nova_like.placement.handlers import resource_provider as rp_handler
from nova_like.placement.objects import usage as usage_obj
from nova_like.placement.policies import usage as policies
from nova_like.placement.schemas import usage as schema
from nova_like.placement import util


@util.wsgify
@microversion.version_handler('1.0')
@util.check_accept('application/json')
def list_provider_usages(req):
    ctx = util.context(req)
    ctx.can(policies.RESOURCE_PROVIDERS_USAGES)
    rp, usages = usage_obj.get_for_provider(ctx, rp_handler._uuid_arg(req))
    return util.json_response(req, {
        'resource_provider_generation': rp.generation, 'usages': usages})


@util.wsgify
@microversion.version_handler('1.9')
@util.check_accept('application/json')
def get_total_usages(req):
    ctx = util.context(req)
    version = util.microversion(req)
    params = util.validate_query(req, schema.query_schema(version))
    ctx.can(policies.USAGES, target={'project_id': params['project_id']})
    usages = usage_obj.get_for_project(
        ctx, params['project_id'], params.get('user_id'),
        params.get('consumer_type'), by_type=version >= (1, 38))
    return util.json_response(req, {'usages': usages})
