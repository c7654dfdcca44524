# SPDX-License-Identifier: Apache-2.0
"""Schemas of /resource_providers bodies and query strings."""

import copy

from nova_like.placement.schemas import common

POST_SCHEMA_V1_0 = {
    'type': 'object',
    'properties': {
        'name': {'type': 'string', 'minLength': 1, 'maxLength': 200},
        'uuid': common.UUID,
    },
    'required': ['name'],
    'additionalProperties': False,
}
POST_SCHEMA_V1_14 = copy.deepcopy(POST_SCHEMA_V1_0)
POST_SCHEMA_V1_14['properties']['parent_provider_uuid'] = \
    common.NULLABLE_UUID

PUT_SCHEMA_V1_0 = copy.deepcopy(POST_SCHEMA_V1_0)
PUT_SCHEMA_V1_0['properties'].pop('uuid')
PUT_SCHEMA_V1_14 = copy.deepcopy(PUT_SCHEMA_V1_0)
PUT_SCHEMA_V1_14['properties']['parent_provider_uuid'] = \
    common.NULLABLE_UUID

_QUERY = {'type': 'string', 'minLength': 1}
_QUERY_LIST = {'anyOf': [_QUERY, {'type': 'array', 'items': _QUERY}]}


def query_schema(version):
    """The query parameters GET /resource_providers takes at version."""
    props = {'name': _QUERY, 'uuid': dict(common.UUID)}
    if version >= (1, 3):
        props['member_of'] = _QUERY_LIST if version >= (1, 24) else _QUERY
    if version >= (1, 4):
        props['resources'] = _QUERY
    if version >= (1, 14):
        props['in_tree'] = dict(common.UUID)
    if version >= (1, 18):
        props['required'] = _QUERY_LIST if version >= (1, 39) else _QUERY
    return {'type': 'object', 'properties': props,
            'additionalProperties': False}
