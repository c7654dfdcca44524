# SPDX-License-Identifier: Apache-2.0
"""Schemas of key pair bodies and query strings, per microversion."""

import copy

from nova_like.api.schemas import common

_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'^(?! )[a-zA-Z0-9 _-]+(?<! )$'}
_keypair_v21 = {
    'type': 'object',
    'properties': {
        'name': _name,
        'public_key': {'type': 'string', 'minLength': 1},
    },
    'required': ['name'],
    'additionalProperties': False,
}
_keypair_v22 = copy.deepcopy(_keypair_v21)
_keypair_v22['properties']['type'] = {'type': 'string',
                                      'enum': ['ssh', 'x509']}
_keypair_v210 = copy.deepcopy(_keypair_v22)
_keypair_v210['properties']['user_id'] = {'type': 'string', 'minLength': 1,
                                          'maxLength': 255}
_keypair_v292 = copy.deepcopy(_keypair_v210)
_keypair_v292['required'] = ['name', 'public_key']
_keypair_v292['properties']['name'] = dict(
    _name, pattern=r'^(?! )[a-zA-Z0-9 @._-]+(?<! )$')


def _wrap(keypair):
    return {'type': 'object', 'properties': {'keypair': keypair},
            'required': ['keypair'], 'additionalProperties': False}


CREATE = [((2, 1), _wrap(_keypair_v21)), ((2, 2), _wrap(_keypair_v22)),
          ((2, 10), _wrap(_keypair_v210)), ((2, 92), _wrap(_keypair_v292))]

_user_query = {
    'type': 'object',
    'properties': {'user_id': common.multi({'type': 'string'})},
    'additionalProperties': True,
}
_index_query_v235 = copy.deepcopy(_user_query)
_index_query_v235['properties'].update({
    'limit': common.multi({'type': 'string', 'pattern': '^[0-9]+$'}),
    'marker': common.multi({'type': 'string'}),
})
_index_query_v275 = common.strict(_index_query_v235)

INDEX_QUERY = [((2, 1), {'type': 'object'}), ((2, 10), _user_query),
               ((2, 35), _index_query_v235), ((2, 75), _index_query_v275)]
SHOW_QUERY = [((2, 1), {'type': 'object'}), ((2, 10), _user_query),
              ((2, 75), common.strict(_user_query))]
