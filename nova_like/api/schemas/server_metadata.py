# SPDX-License-Identifier: Apache-2.0
"""Bodies of /servers/{id}/metadata and /servers/{id}/metadata/{key}."""

import copy

from nova_like.api.schemas import common

# PUT and POST /metadata: {"metadata": {key: value, ...}}.
METADATA = {
    'type': 'object',
    'properties': {'metadata': common.metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

_one_item = copy.deepcopy(common.metadata)
_one_item['minProperties'] = 1

# PUT /metadata/{key}: {"meta": {key: value}}; the count is checked by the
# handler, whose message Nova users know.
META = {
    'type': 'object',
    'properties': {'meta': _one_item},
    'required': ['meta'],
    'additionalProperties': False,
}
