# SPDX-License-Identifier: Apache-2.0
"""POST /reshaper: move inventory and allocations in one transaction."""

from nova_like.placement import microversion
from nova_like.placement.handlers import allocation as alloc_handler
from nova_like.placement.handlers import inventory as inv_handler
from nova_like.placement.objects import reshaper as reshaper_obj
from nova_like.placement.policies import reshaper as policies
from nova_like.placement.schemas import reshaper as schema
from nova_like.placement import util


@util.wsgify
@microversion.version_handler('1.30')
@util.require_content('application/json')
def reshape(req):
    ctx = util.context(req)
    ctx.can(policies.RESHAPE)
    version = util.microversion(req)
    data = util.extract_json(req.body, schema.POST_SCHEMA_V1_38
                             if version >= (1, 38)
                             else schema.POST_SCHEMA_V1_30)
    inventories = {}
    for rp_uuid, entry in data['inventories'].items():
        inventories[util.normalize_uuid(rp_uuid)] = (
            entry['resource_provider_generation'],
            {name: inv_handler._with_defaults(name, inv, version)
             for name, inv in entry['inventories'].items()})
    requests = alloc_handler.requests_from_post(data['allocations'], version)
    reshaper_obj.reshape(ctx, inventories, requests)
    return util.no_content()
