# SPDX-License-Identifier: Apache-2.0
"""Schemas of flavor, extra spec and flavor access bodies.

And of the flavor list's query strings.
"""

import copy

from nova_like.api.schemas import common

_flavor_v21 = {
    'type': 'object',
    'properties': {
        'name': common.name,
        'id': {'type': ['string', 'number', 'null'], 'minLength': 1,
               'maxLength': 255, 'pattern': r'^(?! )[a-zA-Z0-9. _-]+(?<! )$'},
        'ram': {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                'minimum': 1, 'maximum': 2147483647, 'minLength': 1},
        'vcpus': {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                  'minimum': 1, 'maximum': 2147483647, 'minLength': 1},
        'disk': {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                 'minimum': 0, 'maximum': 2147483647, 'minLength': 1},
        'OS-FLV-EXT-DATA:ephemeral': {
            'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
            'minimum': 0, 'maximum': 2147483647, 'minLength': 1},
        'swap': {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                 'minimum': 0, 'maximum': 2147483647, 'minLength': 1},
        'rxtx_factor': {'type': ['number', 'string'],
                        'pattern': r'^[0-9]+(\.[0-9]+)?$',
                        'minimum': 0, 'exclusiveMinimum': True,
                        'maximum': 3.40282e+38},
        'os-flavor-access:is_public': common.boolean,
    },
    'required': ['name', 'ram', 'vcpus', 'disk'],
    'additionalProperties': False,
}
_flavor_v255 = copy.deepcopy(_flavor_v21)
_flavor_v255['properties']['description'] = common.description


def _wrap(flavor):
    return {'type': 'object', 'properties': {'flavor': flavor},
            'required': ['flavor'], 'additionalProperties': False}


CREATE = [((2, 1), _wrap(_flavor_v21)), ((2, 55), _wrap(_flavor_v255))]

UPDATE = _wrap({'type': 'object',
                'properties': {'description': common.description},
                'required': ['description'],
                'additionalProperties': False})

_query = {
    'type': 'object',
    'properties': {
        'sort_key': common.multi({'type': 'string', 'enum': [
            'created_at', 'description', 'disabled', 'ephemeral_gb',
            'flavorid', 'id', 'is_public', 'memory_mb', 'name',
            'root_gb', 'rxtx_factor', 'swap', 'updated_at',
            'vcpu_weight', 'vcpus']}),
        'sort_dir': common.multi({'type': 'string',
                                  'enum': ['asc', 'desc']}),
        'limit': common.multi({'type': 'string', 'pattern': '^[0-9]+$'}),
        'marker': common.multi(),
        'is_public': common.multi({'type': 'string'}),
        'minRam': common.multi({'type': 'string', 'pattern': '^[0-9]+$'}),
        'minDisk': common.multi({'type': 'string', 'pattern': '^[0-9]+$'}),
    },
    'additionalProperties': True,
}
QUERY = [((2, 1), _query), ((2, 75), common.strict(_query))]

_spec_key = '^[a-zA-Z0-9-_:. ]{1,255}$'
_spec_value = {'type': ['string', 'number', 'boolean'], 'minLength': 1,
               'maxLength': 255}

EXTRA_SPECS_CREATE = {
    'type': 'object',
    'properties': {
        'extra_specs': {
            'type': 'object',
            'patternProperties': {_spec_key: _spec_value},
            'additionalProperties': False,
        },
    },
    'required': ['extra_specs'],
    'additionalProperties': False,
}

EXTRA_SPEC_UPDATE = {
    'type': 'object',
    'patternProperties': {_spec_key: _spec_value},
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': False,
}

_tenant = {'type': 'object',
           'properties': {'tenant': {'type': 'string', 'minLength': 1,
                                     'maxLength': 255,
                                     'pattern': '^[a-zA-Z0-9-_:. ]*$'}},
           'required': ['tenant'], 'additionalProperties': False}

ACTION = {
    'type': 'object',
    'properties': {'addTenantAccess': _tenant,
                   'removeTenantAccess': _tenant},
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': False,
}
