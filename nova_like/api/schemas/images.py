# SPDX-License-Identifier: Apache-2.0
"""The query of the image proxy's lists (Nova's filters)."""

from nova_like.api.schemas import common

QUERY = {
    'type': 'object',
    'properties': {
        'name': common.single(), 'status': common.single(),
        'changes-since': common.single({'type': 'string',
                                        'format': 'date-time'}),
        'server': common.single(), 'type': common.single(),
        'minRam': common.single(common.non_negative_integer),
        'minDisk': common.single(common.non_negative_integer),
        'limit': common.single(common.non_negative_integer),
        'marker': common.single(),
    },
    'additionalProperties': True,
}
