# SPDX-License-Identifier: Apache-2.0
"""Schemas of POST/PUT /servers bodies and GET /servers query strings.

Given per microversion.
"""

import copy

from nova_like.api.schemas import common

_network = {
    'type': 'object',
    'properties': {
        'fixed_ip': {'type': 'string', 'oneOf': [{'format': 'ipv4'},
                                                 {'format': 'ipv6'}]},
        'port': {'type': ['string', 'null'], 'format': 'uuid'},
        'uuid': {'type': 'string'},
    },
    'additionalProperties': False,
}
# Device tags on networks: 2.32, lost in 2.33 to 2.41, back at 2.42.
_network_tag = {'type': 'string', 'maxLength': 60, 'pattern': '^[^,/]*$'}
_network_v232 = copy.deepcopy(_network)
_network_v232['properties']['tag'] = _network_tag
# From 2.37 a network's uuid must be a UUID.
_network_v237 = copy.deepcopy(_network)
_network_v237['properties']['uuid'] = {'type': 'string', 'format': 'uuid'}
_network_v242 = copy.deepcopy(_network_v237)
_network_v242['properties']['tag'] = _network_tag


def _networks_v237(network):
    return {'oneOf': [{'type': 'array', 'items': network},
                      {'type': 'string', 'enum': ['none', 'auto']}]}


_hostname = {'type': 'string', 'minLength': 2, 'maxLength': 63,
             'pattern': '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'}

_hints = {
    'type': 'object',
    'properties': {
        'group': {'type': 'string', 'format': 'uuid'},
        'different_host': {'oneOf': [
            {'type': 'string', 'format': 'uuid'},
            {'type': 'array', 'items': {'type': 'string',
                                        'format': 'uuid'}}]},
        'same_host': {'oneOf': [
            {'type': 'string', 'format': 'uuid'},
            {'type': 'array', 'items': {'type': 'string',
                                        'format': 'uuid'}}]},
        'query': {'type': ['string', 'object']},
        'target_cell': {'type': 'string', 'minLength': 1,
                        'maxLength': 255},
        'different_cell': {'type': ['string', 'array'],
                           'items': {'type': 'string'}},
        'build_near_host_ip': {'type': 'string', 'oneOf': [
            {'format': 'ipv4'}, {'format': 'ipv6'}]},
        'cidr': {'type': 'string', 'pattern': '^/[0-9a-f.:]+$'},
    },
    'additionalProperties': True,
}

# Block device mapping v2 entries. Only the one the openstack CLI sends for
# an image boot (image -> local, boot_index 0) is served until a volume
# service exists; the handler refuses the others by name.
_block_device_mapping_v2 = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'source_type': {'type': 'string',
                            'enum': ['volume', 'image', 'snapshot',
                                     'blank']},
            'destination_type': {'type': 'string',
                                 'enum': ['local', 'volume']},
            'uuid': {'type': 'string', 'minLength': 1, 'maxLength': 255},
            'boot_index': {'type': ['integer', 'string', 'null']},
            'volume_size': {'type': ['integer', 'string', 'null']},
            'delete_on_termination': common.boolean,
            'device_name': {'type': 'string', 'maxLength': 255},
            'device_type': {'type': 'string', 'maxLength': 255},
            'disk_bus': {'type': 'string', 'maxLength': 255},
            'guest_format': {'type': 'string', 'maxLength': 255},
            'no_device': {},
            'volume_type': {'type': ['string', 'null']},
            'tag': {'type': 'string', 'maxLength': 60},
        },
        'additionalProperties': False,
    },
}

_server_v21 = {
    'type': 'object',
    'properties': {
        'name': common.name,
        'imageRef': {'type': 'string', 'oneOf': [
            {'format': 'uuid'}, {'maxLength': 0}]},
        'flavorRef': {'type': ['string', 'integer'], 'minLength': 1},
        'adminPass': {'type': 'string'},
        'metadata': common.metadata,
        'networks': {'type': 'array', 'items': _network},
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'accessIPv4': {'type': 'string', 'format': 'ipv4'},
        'accessIPv6': {'type': 'string', 'format': 'ipv6'},
        'availability_zone': common.name,
        'key_name': common.name,
        'user_data': {'type': 'string', 'format': 'base64',
                      'maxLength': 65535},
        'min_count': common.positive_integer,
        'max_count': common.positive_integer,
        'return_reservation_id': common.boolean,
        'config_drive': {'type': ['boolean', 'string'],
                         'enum': [True, 'True', 'TRUE', 'true', '1', 'ON',
                                  'On', 'on', 'YES', 'Yes', 'yes', False,
                                  'False', 'FALSE', 'false', '0', 'OFF',
                                  'Off', 'off', 'NO', 'No', 'no', '']},
        'security_groups': {'type': 'array', 'items': {
            'type': 'object',
            'properties': {'name': {'type': 'string', 'minLength': 1,
                                    'maxLength': 255}},
            'additionalProperties': False}},
        'block_device_mapping_v2': _block_device_mapping_v2,
        'personality': {'type': 'array', 'items': {
            'type': 'object',
            'properties': {'path': {'type': 'string'},
                           'contents': {'type': 'string',
                                        'format': 'base64'}},
            'additionalProperties': False}},
    },
    'required': ['name', 'flavorRef'],
    'additionalProperties': False,
}


def _create(server):
    return {
        'type': 'object',
        'properties': {
            'server': server,
            'os:scheduler_hints': _hints,
            'OS-SCH-HNT:scheduler_hints': _hints,
        },
        'required': ['server'],
        'additionalProperties': False,
    }


def _evolve(base, add=None, remove=(), required_add=()):
    server = copy.deepcopy(base)
    server['properties'].update(copy.deepcopy(add or {}))
    for key in remove:
        server['properties'].pop(key, None)
    server['required'] = server['required'] + list(required_add)
    return server


_server_v219 = _evolve(_server_v21, {'description': common.description})
_server_v232 = _evolve(_server_v219, {'networks': {
    'type': 'array', 'items': _network_v232}})
_server_v237 = _evolve(_server_v219, {
    'networks': _networks_v237(_network_v237)}, required_add=['networks'])
_server_v242 = _evolve(_server_v237, {
    'networks': _networks_v237(_network_v242)})
_server_v252 = _evolve(_server_v242, {'tags': {
    'type': 'array', 'items': common.tag, 'maxItems': 50}})
_server_v257 = _evolve(_server_v252, remove=['personality'])
_server_v263 = _evolve(_server_v257, {'trusted_image_certificates': {
    'type': ['array', 'null'], 'minItems': 1, 'maxItems': 50,
    'uniqueItems': True,
    'items': {'type': 'string', 'minLength': 1}}})
_server_v274 = _evolve(_server_v263, {
    'host': {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'pattern': '^[a-zA-Z0-9-._]*$'},
    'hypervisor_hostname': {'type': 'string', 'minLength': 1,
                            'maxLength': 255,
                            'pattern': '^[a-zA-Z0-9-._]*$'}})
_server_v290 = _evolve(_server_v274, {'hostname': _hostname})

# (min version, schema) in ascending order: the last one not above the
# request's version applies.
CREATE = [
    ((2, 1), _create(_server_v21)),
    ((2, 19), _create(_server_v219)),
    ((2, 32), _create(_server_v232)),
    ((2, 33), _create(_server_v219)),
    ((2, 37), _create(_server_v237)),
    ((2, 42), _create(_server_v242)),
    ((2, 52), _create(_server_v252)),
    ((2, 57), _create(_server_v257)),
    ((2, 63), _create(_server_v263)),
    ((2, 74), _create(_server_v274)),
    ((2, 90), _create(_server_v290)),
]

_update_v21 = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': common.name,
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
                'accessIPv4': {'type': 'string', 'format': 'ipv4'},
                'accessIPv6': {'type': 'string', 'format': 'ipv6'},
            },
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}
_update_v219 = copy.deepcopy(_update_v21)
_update_v219['properties']['server']['properties']['description'] = \
    common.description
_update_v290 = copy.deepcopy(_update_v219)
_update_v290['properties']['server']['properties']['hostname'] = _hostname

UPDATE = [((2, 1), _update_v21), ((2, 19), _update_v219),
          ((2, 90), _update_v290)]

SORT_KEYS = ['access_ip_v4', 'access_ip_v6', 'auto_disk_config',
             'availability_zone', 'config_drive', 'created_at',
             'display_description', 'display_name', 'host', 'hostname',
             'image_ref', 'instance_type_id', 'kernel_id', 'key_name',
             'launch_index', 'launched_at', 'locked_by', 'node',
             'power_state', 'progress', 'project_id', 'ramdisk_id',
             'root_device_name', 'task_state', 'terminated_at',
             'updated_at', 'user_id', 'uuid', 'vm_mode', 'vm_state']

_query_params = {
    'user_id': common.multi(), 'project_id': common.multi(),
    'tenant_id': common.multi(), 'launch_index': common.multi(),
    'image_ref': common.multi(), 'image': common.multi(),
    'kernel_id': common.multi(), 'ramdisk_id': common.multi(),
    'hostname': common.multi(), 'key_name': common.multi(),
    'power_state': common.multi(), 'vm_state': common.multi(),
    'task_state': common.multi(), 'host': common.multi(),
    'node': common.multi(), 'flavor': common.multi(),
    'reservation_id': common.multi(), 'launched_at': common.multi(),
    'terminated_at': common.multi(), 'availability_zone': common.multi(),
    'name': common.multi(), 'display_name': common.multi(),
    'description': common.multi(), 'display_description': common.multi(),
    'locked_by': common.multi(), 'uuid': common.multi(),
    'root_device_name': common.multi(), 'config_drive': common.multi(),
    'access_ip_v4': common.multi(), 'access_ip_v6': common.multi(),
    'auto_disk_config': common.multi(), 'progress': common.multi(),
    'sort_key': common.multi({'type': 'string', 'enum': SORT_KEYS}),
    'sort_dir': common.multi({'type': 'string', 'enum': ['asc', 'desc']}),
    'all_tenants': common.multi(), 'soft_deleted': common.multi(),
    'deleted': common.multi(), 'status': common.multi(),
    'changes-since': common.multi({'type': 'string',
                                   'format': 'date-time'}),
    'ip': common.multi(), 'ip6': common.multi(),
    'created_at': common.multi(), 'block_device_mapping': common.multi(),
    'services': common.multi(), 'metadata': common.multi(),
    'system_metadata': common.multi(), 'info_cache': common.multi(),
    'security_groups': common.multi(), 'pci_devices': common.multi(),
    'limit': common.multi(common.non_negative_integer | {'type': 'string'}),
    'marker': common.multi(),
    'tags': common.multi(), 'tags-any': common.multi(),
    'not-tags': common.multi(), 'not-tags-any': common.multi(),
}

QUERY_V21 = {'type': 'object', 'properties': _query_params,
             'additionalProperties': True}
QUERY_V266 = copy.deepcopy(QUERY_V21)
QUERY_V266['properties']['changes-before'] = common.multi(
    {'type': 'string', 'format': 'date-time'})
QUERY_V273 = copy.deepcopy(QUERY_V266)
QUERY_V273['properties']['locked'] = common.multi()
QUERY_V275 = common.strict(QUERY_V273)

QUERY = [((2, 1), QUERY_V21), ((2, 66), QUERY_V266), ((2, 73), QUERY_V273),
         ((2, 75), QUERY_V275)]

SHOW_QUERY = {'type': 'object', 'properties': {},
              'additionalProperties': True}
