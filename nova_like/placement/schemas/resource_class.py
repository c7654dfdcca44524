# SPDX-License-Identifier: Apache-2.0
"""Schemas of resource class bodies."""

from nova_like.placement.schemas import common

POST_SCHEMA = {
    'type': 'object',
    'properties': {'name': common.CUSTOM_RC_NAME},
    'required': ['name'],
    'additionalProperties': False,
}
PUT_SCHEMA_V1_2 = POST_SCHEMA
