# SPDX-License-Identifier: Apache-2.0
"""Bodies of the admin server actions."""

from nova_like.api.schemas import server_actions

RESET_STATE = {
    'type': 'object',
    'properties': {
        'os-resetState': {
            'type': 'object',
            'properties': {'state': {'type': 'string',
                                     'enum': ['active', 'error']}},
            'required': ['state'],
            'additionalProperties': False,
        },
    },
    'required': ['os-resetState'],
    'additionalProperties': False,
}

INJECT_NETWORK_INFO = server_actions.no_arguments('injectNetworkInfo')
