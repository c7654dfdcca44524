# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of os-server-groups: the create body and the list query.

Create before 2.15, from 2.15 (soft policies) and from 2.64 (policy +
rules).
"""

import copy

from nova_like.api.schemas import common


def _create(properties, required):
    return {'type': 'object',
            'properties': {'server_group': {
                'type': 'object', 'properties': properties,
                'required': required, 'additionalProperties': False}},
            'required': ['server_group'], 'additionalProperties': False}


def _policies(names):
    return {'type': 'array', 'items': [{'type': 'string', 'enum': names}],
            'uniqueItems': True, 'minItems': 1, 'maxItems': 1,
            'additionalItems': False}


_HARD = ['affinity', 'anti-affinity']
_ALL = _HARD + ['soft-affinity', 'soft-anti-affinity']

CREATE_V21 = _create({'name': common.name, 'policies': _policies(_HARD)},
                     ['name', 'policies'])
CREATE_V215 = _create({'name': common.name, 'policies': _policies(_ALL)},
                      ['name', 'policies'])
CREATE_V264 = _create({
    'name': common.name,
    'policy': {'type': 'string', 'enum': _ALL},
    'rules': {'type': 'object', 'properties': {
        'max_server_per_host': common.positive_integer},
        'additionalProperties': False}}, ['name', 'policy'])

QUERY = {'type': 'object', 'properties': {
    'all_projects': common.single(),
    'limit': common.single(common.non_negative_integer),
    'offset': common.single(common.non_negative_integer)},
    'additionalProperties': True}

QUERY_V275 = copy.deepcopy(QUERY)
QUERY_V275['additionalProperties'] = False


def create(version):
    if version >= (2, 64):
        return CREATE_V264
    if version >= (2, 15):
        return CREATE_V215
    return CREATE_V21
