# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of os-simple-tenant-usage's query.

2.40 adds limit and marker.
"""

import copy

from nova_like.api.schemas import common

QUERY = {'type': 'object', 'properties': {
    'start': common.single(), 'end': common.single(),
    'detailed': common.single()}, 'additionalProperties': True}

QUERY_V240 = copy.deepcopy(QUERY)
QUERY_V240['properties'].update({
    'limit': common.single(common.positive_integer),
    'marker': common.single()})
