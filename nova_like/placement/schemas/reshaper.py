# SPDX-License-Identifier: Apache-2.0
"""Schema of the POST /reshaper body."""

import copy

from nova_like.placement.schemas import allocation
from nova_like.placement.schemas import common
from nova_like.placement.schemas import inventory


def _schema(allocations_schema):
    return {
        'type': 'object',
        'properties': {
            'inventories': {
                'type': 'object',
                'patternProperties': {
                    common.UUID['pattern']: inventory.PUT_ALL_SCHEMA},
                'additionalProperties': False,
            },
            'allocations': allocations_schema,
        },
        'required': ['inventories', 'allocations'],
        'additionalProperties': False,
    }


_ALLOCS_V1_30 = copy.deepcopy(allocation.POST_SCHEMA_V1_28)
_ALLOCS_V1_30['minProperties'] = 0
_ALLOCS_V1_38 = copy.deepcopy(allocation.POST_SCHEMA_V1_38)
_ALLOCS_V1_38['minProperties'] = 0
POST_SCHEMA_V1_30 = _schema(_ALLOCS_V1_30)
POST_SCHEMA_V1_38 = _schema(_ALLOCS_V1_38)
