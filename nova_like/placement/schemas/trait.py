# SPDX-License-Identifier: Apache-2.0
"""Schemas of trait bodies and query strings."""

from nova_like.placement.schemas import common

SET_SCHEMA = {
    'type': 'object',
    'properties': {
        'traits': {'type': 'array', 'items': common.TRAIT_NAME,
                   'uniqueItems': True},
        'resource_provider_generation': common.GENERATION,
    },
    'required': ['traits', 'resource_provider_generation'],
    'additionalProperties': False,
}

LIST_QUERY_SCHEMA = {
    'type': 'object',
    'properties': {
        'name': {'type': 'string', 'pattern': '^(startswith|in):.*$'},
        'associated': {'type': 'string', 'enum': ['true', 'false']},
    },
    'additionalProperties': False,
}
