# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of os-hypervisors' query strings.

Paging from 2.33; pattern and with_servers from 2.53.
"""

from nova_like.api.schemas import common

QUERY_V21 = {'type': 'object', 'properties': {},
             'additionalProperties': True}

QUERY_V233 = {'type': 'object', 'properties': {
    'limit': common.single(common.non_negative_integer),
    'marker': common.single()}, 'additionalProperties': True}

QUERY_V253 = common.strict({'type': 'object', 'properties': {
    'limit': common.single(common.non_negative_integer),
    'marker': common.single(),
    'hypervisor_hostname_pattern': common.single(
        {'type': 'string', 'minLength': 1, 'maxLength': 255}),
    'with_servers': common.single(common.boolean)}})

SHOW_V253 = common.strict({'type': 'object', 'properties': {
    'with_servers': common.single(common.boolean)}})


def list_query(version):
    if version >= (2, 53):
        return QUERY_V253
    if version >= (2, 33):
        return QUERY_V233
    return QUERY_V21
