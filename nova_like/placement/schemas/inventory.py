# SPDX-License-Identifier: Apache-2.0
"""Schemas of inventory bodies."""

import copy

from nova_like.placement.schemas import common

_INT = common.MAX_INT
INVENTORY_FIELDS = {
    'total': {'type': 'integer', 'minimum': 1, 'maximum': _INT},
    'reserved': {'type': 'integer', 'minimum': 0, 'maximum': _INT},
    'min_unit': {'type': 'integer', 'minimum': 1, 'maximum': _INT},
    'max_unit': {'type': 'integer', 'minimum': 1, 'maximum': _INT},
    'step_size': {'type': 'integer', 'minimum': 1, 'maximum': _INT},
    'allocation_ratio': {'type': 'number', 'minimum': 0,
                         'exclusiveMinimum': True, 'maximum': 3.40282e+38},
}

INVENTORY = {
    'type': 'object',
    'properties': INVENTORY_FIELDS,
    'required': ['total'],
    'additionalProperties': False,
}

PUT_ONE_SCHEMA = copy.deepcopy(INVENTORY)
PUT_ONE_SCHEMA['properties']['resource_provider_generation'] = \
    common.GENERATION
PUT_ONE_SCHEMA['required'] = ['total', 'resource_provider_generation']

POST_SCHEMA = copy.deepcopy(PUT_ONE_SCHEMA)
POST_SCHEMA['properties']['resource_class'] = common.RC_NAME
POST_SCHEMA['required'] = ['total', 'resource_class',
                           'resource_provider_generation']

PUT_ALL_SCHEMA = {
    'type': 'object',
    'properties': {
        'resource_provider_generation': common.GENERATION,
        'inventories': {
            'type': 'object',
            'patternProperties': {'^[A-Z0-9_]+$': INVENTORY},
            'additionalProperties': False,
        },
    },
    'required': ['resource_provider_generation', 'inventories'],
    'additionalProperties': False,
}
