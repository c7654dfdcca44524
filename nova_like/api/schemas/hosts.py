# SPDX-License-Identifier: Apache-2.0
"""Schemas of os-hosts: the list's query and the update body."""

from nova_like.api.schemas import common

QUERY = {'type': 'object', 'properties': {'zone': common.single()}}

_switch = {'type': 'string',
           'enum': ['enable', 'disable', 'Enable', 'Disable', 'ENABLE',
                    'DISABLE']}

UPDATE = {
    'type': 'object',
    'properties': {'status': _switch, 'maintenance_mode': _switch},
    'anyOf': [{'required': ['status']}, {'required': ['maintenance_mode']}],
    'additionalProperties': False,
}
