# SPDX-License-Identifier: Apache-2.0
"""Schemas of quota set bodies and of /limits and /os-quota-sets queries."""

import copy

from nova_like.api.schemas import common

_limit = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
          'minimum': -1, 'maximum': 2147483647, 'minLength': 1}
_current = ('cores', 'instances', 'key_pairs', 'metadata_items', 'ram',
            'server_group_members', 'server_groups')
_files = ('injected_file_content_bytes', 'injected_file_path_bytes',
          'injected_files')
_network = ('fixed_ips', 'floating_ips', 'security_group_rules',
            'security_groups')


def _update(resources):
    quota_set = {
        'type': 'object',
        'properties': dict({name: _limit for name in resources},
                           force=common.boolean),
        'additionalProperties': False,
    }
    return {'type': 'object', 'properties': {'quota_set': quota_set},
            'required': ['quota_set'], 'additionalProperties': False}


UPDATE = [((2, 1), _update(_current + _files + _network)),
          ((2, 36), _update(_current + _files)),
          ((2, 57), _update(_current))]

_user_query = {
    'type': 'object',
    'properties': {'user_id': common.multi({'type': 'string'})},
    'additionalProperties': True,
}
QUOTA_QUERY = [((2, 1), _user_query), ((2, 75), common.strict(_user_query))]

_limits_query = {
    'type': 'object',
    'properties': {'tenant_id': common.multi({'type': 'string'})},
    'additionalProperties': True,
}
_limits_query_v275 = copy.deepcopy(_limits_query)
LIMITS_QUERY = [((2, 1), _limits_query),
                ((2, 75), common.strict(_limits_query_v275))]

# os-quota-class-sets: network limits go at 2.50 (not 2.36), files at 2.57.
CLASS_UPDATE = [
    ((2, 1), _update(_current + _files + _network)),
    ((2, 50), _update(_current + _files)),
    ((2, 57), _update(_current)),
]
for _version, _schema in CLASS_UPDATE:
    _schema['properties']['quota_class_set'] = _schema['properties'].pop(
        'quota_set')
    _schema['properties']['quota_class_set']['properties'].pop('force')
    _schema['required'] = ['quota_class_set']
