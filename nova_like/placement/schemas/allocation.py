# SPDX-License-Identifier: Apache-2.0
"""Schemas of allocation bodies, one per microversion step."""

import copy

from nova_like.placement.schemas import common

_RESOURCES = {
    'type': 'object',
    'minProperties': 1,
    'patternProperties': {
        '^[A-Z0-9_]+$': {'type': 'integer', 'minimum': 1,
                         'maximum': common.MAX_INT}},
    'additionalProperties': False,
}
_OWNER = {'type': 'string', 'minLength': 1, 'maxLength': 255}
CONSUMER_TYPE = {'type': 'string', 'pattern': '^[A-Z0-9_]+$',
                 'minLength': 1, 'maxLength': 255}

PUT_SCHEMA_V1_0 = {
    'type': 'object',
    'properties': {
        'allocations': {
            'type': 'array',
            'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {
                    'resource_provider': {
                        'type': 'object',
                        'properties': {'uuid': common.UUID},
                        'required': ['uuid'],
                        'additionalProperties': False},
                    'resources': _RESOURCES,
                },
                'required': ['resource_provider', 'resources'],
                'additionalProperties': False,
            },
        },
        'project_id': _OWNER,
        'user_id': _OWNER,
    },
    'required': ['allocations'],
    'additionalProperties': False,
}

PUT_SCHEMA_V1_8 = copy.deepcopy(PUT_SCHEMA_V1_0)
PUT_SCHEMA_V1_8['required'] = ['allocations', 'project_id', 'user_id']

_DICT_ALLOCATIONS = {
    'type': 'object',
    'minProperties': 1,
    'patternProperties': {
        common.UUID['pattern']: {
            'type': 'object',
            'properties': {
                'generation': common.GENERATION,
                'resources': _RESOURCES,
            },
            'required': ['resources'],
            'additionalProperties': False,
        }},
    'additionalProperties': False,
}

PUT_SCHEMA_V1_12 = {
    'type': 'object',
    'properties': {
        'allocations': _DICT_ALLOCATIONS,
        'project_id': _OWNER,
        'user_id': _OWNER,
    },
    'required': ['allocations', 'project_id', 'user_id'],
    'additionalProperties': False,
}

PUT_SCHEMA_V1_28 = copy.deepcopy(PUT_SCHEMA_V1_12)
PUT_SCHEMA_V1_28['properties']['consumer_generation'] = {
    'type': ['integer', 'null'], 'minimum': 0}
PUT_SCHEMA_V1_28['properties']['allocations']['minProperties'] = 0
PUT_SCHEMA_V1_28['required'].append('consumer_generation')

PUT_SCHEMA_V1_38 = copy.deepcopy(PUT_SCHEMA_V1_28)
PUT_SCHEMA_V1_38['properties']['consumer_type'] = CONSUMER_TYPE
PUT_SCHEMA_V1_38['required'].append('consumer_type')


def _post(put_schema):
    consumer = copy.deepcopy(put_schema)
    consumer['properties']['allocations']['minProperties'] = 0
    return {
        'type': 'object',
        'minProperties': 1,
        'patternProperties': {common.UUID['pattern']: consumer},
        'additionalProperties': False,
    }


POST_SCHEMA_V1_13 = _post(PUT_SCHEMA_V1_12)
POST_SCHEMA_V1_28 = _post(PUT_SCHEMA_V1_28)
POST_SCHEMA_V1_38 = _post(PUT_SCHEMA_V1_38)
