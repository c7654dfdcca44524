# SPDX-License-Identifier: Apache-2.0
"""Query strings of GET /servers/{id}/os-instance-actions."""

from nova_like.api.schemas import common

_TIME = {'type': 'string', 'format': 'date-time'}

QUERY_V21 = {'type': 'object', 'properties': {},
             'additionalProperties': True}

QUERY_V258 = common.strict({
    'type': 'object',
    'properties': {
        'limit': common.single(common.non_negative_integer),
        'marker': common.single(),
        'changes-since': common.single(_TIME),
    },
})

QUERY_V266 = common.strict({
    'type': 'object',
    'properties': dict(QUERY_V258['properties'],
                       **{'changes-before': common.single(_TIME)}),
})


def for_version(version):
    if version >= (2, 66):
        return QUERY_V266
    if version >= (2, 58):
        return QUERY_V258
    return QUERY_V21
