# SPDX-License-Identifier: Apache-2.0
"""Schemas of provider aggregate bodies."""

from nova_like.placement.schemas import common

_AGGREGATES = {'type': 'array', 'items': common.UUID, 'uniqueItems': True}
PUT_SCHEMA_V1_1 = _AGGREGATES
PUT_SCHEMA_V1_19 = {
    'type': 'object',
    'properties': {
        'aggregates': _AGGREGATES,
        'resource_provider_generation': common.GENERATION,
    },
    'required': ['aggregates', 'resource_provider_generation'],
    'additionalProperties': False,
}
