# SPDX-License-Identifier: Apache-2.0
"""The query of GET /os-migrations, per microversion (as Nova's)."""

import copy

from nova_like.api.schemas import common

_v21 = {
    'type': 'object',
    'properties': {name: common.multi() for name in (
        'hidden', 'host', 'instance_uuid', 'source_compute', 'status',
        'migration_type')},
    'additionalProperties': True,
}
_v259 = copy.deepcopy(_v21)
_v259['properties'].update({
    'limit': common.single(common.non_negative_integer),
    'marker': common.single(),
    'changes-since': common.single({'type': 'string',
                                    'format': 'date-time'}),
})
_v266 = copy.deepcopy(_v259)
_v266['properties']['changes-before'] = common.single(
    {'type': 'string', 'format': 'date-time'})
_v280 = copy.deepcopy(_v266)
_v280['properties'].update(user_id=common.single(),
                           project_id=common.single())

QUERY = [((2, 1), _v21), ((2, 59), _v259), ((2, 66), _v266),
         ((2, 80), _v280)]
