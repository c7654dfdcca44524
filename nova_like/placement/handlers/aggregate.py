# SPDX-License-Identifier: Apache-2.0
"""/resource_providers/{uuid}/aggregates."""

from nova_like.placement import microversion
from nova_like.placement.handlers import resource_provider as rp_handler
from nova_like.placement.objects import aggregate as agg_obj
from nova_like.placement.policies import aggregate as policies
from nova_like.placement.schemas import aggregate as schema
from nova_like.placement import util


def _response(req, rp, uuids):
    body = {'aggregates': uuids}
    if util.microversion(req) >= (1, 19):
        body['resource_provider_generation'] = rp.generation
    return util.json_response(req, body)


@util.wsgify
@microversion.version_handler('1.1')
@util.check_accept('application/json')
def get_aggregates(req):
    ctx = util.context(req)
    ctx.can(policies.LIST)
    rp, uuids = agg_obj.get_for_provider(ctx, rp_handler._uuid_arg(req))
    return _response(req, rp, uuids)


@util.wsgify
@microversion.version_handler('1.1')
@util.require_content('application/json')
def set_aggregates(req):
    ctx = util.context(req)
    ctx.can(policies.UPDATE)
    uuid = rp_handler._uuid_arg(req)
    if util.microversion(req) >= (1, 19):
        data = util.extract_json(req.body, schema.PUT_SCHEMA_V1_19)
        uuids, generation = data['aggregates'], \
            data['resource_provider_generation']
    else:
        uuids = util.extract_json(req.body, schema.PUT_SCHEMA_V1_1)
        generation = None
    uuids = sorted({util.normalize_uuid(u) for u in uuids})
    rp = agg_obj.set_for_provider(ctx, uuid, uuids, generation)
    return _response(req, rp, uuids)
