# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of os-services: the list's query and the update bodies."""

from nova_like.api.schemas import common

QUERY = {'type': 'object', 'properties': {
    'host': common.single(), 'binary': common.single()}}

_host_binary = {'host': common.name, 'binary': common.name}

ENABLE = {'type': 'object', 'properties': _host_binary,
          'required': ['host', 'binary'], 'additionalProperties': False}

DISABLE_LOG_REASON = {
    'type': 'object',
    'properties': dict(_host_binary, disabled_reason={
        'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': common.NAME_PATTERN}),
    'required': ['host', 'binary', 'disabled_reason'],
    'additionalProperties': False}

FORCE_DOWN = {
    'type': 'object',
    'properties': dict(_host_binary, forced_down=common.boolean),
    'required': ['host', 'binary', 'forced_down'],
    'additionalProperties': False}

UPDATE = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
        'disabled_reason': DISABLE_LOG_REASON['properties'][
            'disabled_reason'],
        'forced_down': common.boolean,
    },
    'minProperties': 1,
    'additionalProperties': False}
