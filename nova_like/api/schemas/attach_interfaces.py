# SPDX-License-Identifier: Apache-2.0
"""Body of POST /servers/{id}/os-interface, per microversion."""

import copy

from nova_like.api.schemas import common

_CREATE_V21 = {
    'type': 'object',
    'properties': {
        'interfaceAttachment': {
            'type': 'object',
            'properties': {
                'net_id': common.uuid,
                'port_id': common.uuid,
                'fixed_ips': {
                    'type': 'array', 'minItems': 1, 'maxItems': 1,
                    'items': {
                        'type': 'object',
                        'properties': {'ip_address': {
                            'type': 'string',
                            'oneOf': [{'format': 'ipv4'},
                                      {'format': 'ipv6'}]}},
                        'required': ['ip_address'],
                        'additionalProperties': False,
                    },
                },
            },
            'additionalProperties': False,
        },
    },
    'additionalProperties': False,
}
_CREATE_V249 = copy.deepcopy(_CREATE_V21)
_CREATE_V249['properties']['interfaceAttachment']['properties']['tag'] = {
    'type': 'string', 'maxLength': 60, 'pattern': '^[^,/]*$'}

CREATE = [((2, 1), _CREATE_V21), ((2, 49), _CREATE_V249)]
