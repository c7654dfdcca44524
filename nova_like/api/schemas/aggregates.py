# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of os-aggregates: create, update and the three actions."""

import copy

from nova_like.api.schemas import common

_zone = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
         'pattern': common.NAME_PATTERN}

CREATE = {
    'type': 'object',
    'properties': {'aggregate': {
        'type': 'object',
        'properties': {'name': common.name, 'availability_zone': _zone},
        'required': ['name'], 'additionalProperties': False}},
    'required': ['aggregate'], 'additionalProperties': False}

UPDATE = copy.deepcopy(CREATE)
del UPDATE['properties']['aggregate']['required']
UPDATE['properties']['aggregate']['minProperties'] = 1

_host = {'type': 'object', 'properties': {'host': common.name},
         'required': ['host'], 'additionalProperties': False}

_metadata = {
    'type': 'object',
    'properties': {'metadata': {
        'type': 'object',
        'patternProperties': {'^[a-zA-Z0-9-_:. /]{1,255}$': {
            'type': ['string', 'null'], 'maxLength': 255}},
        'additionalProperties': False}},
    'required': ['metadata'], 'additionalProperties': False}

ACTION = {
    'type': 'object',
    'properties': {'add_host': _host, 'remove_host': _host,
                   'set_metadata': _metadata},
    'minProperties': 1, 'maxProperties': 1, 'additionalProperties': False}
