# SPDX-License-Identifier: Apache-2.0
"""Policy rules of volume types and their extra specs."""

from nova_like.volume.policies import base

MANAGE = 'volume_extension:types_manage'
CREATE = 'volume_extension:type_create'
UPDATE = 'volume_extension:type_update'
DELETE = 'volume_extension:type_delete'
GET = 'volume_extension:type_get'
GET_ALL = 'volume_extension:type_get_all'
EXTRA_SPECS_ACCESS = 'volume_extension:access_types_extra_specs'
SPECS_INDEX = 'volume_extension:types_extra_specs:index'
SPECS_SHOW = 'volume_extension:types_extra_specs:show'
SPECS_CREATE = 'volume_extension:types_extra_specs:create'
SPECS_UPDATE = 'volume_extension:types_extra_specs:update'
SPECS_DELETE = 'volume_extension:types_extra_specs:delete'
SPECS_READ_SENSITIVE = 'volume_extension:types_extra_specs:read_sensitive'
COLLECTION = '/types'
RESOURCE = '/types/{type_id}'
SPECS = '/types/{type_id}/extra_specs'
SPEC = '/types/{type_id}/extra_specs/{extra_spec_key}'

rules = [
    base.operation(MANAGE, base.ADMIN_API,
                   [('POST', COLLECTION), ('PUT', RESOURCE),
                    ('DELETE', RESOURCE)],
                   'Create, update and delete volume type (checked with '
                   'the rule of each operation below).'),
    base.operation(CREATE, base.ADMIN_API, [('POST', COLLECTION)],
                   'Create volume type.'),
    base.operation(UPDATE, base.ADMIN_API, [('PUT', RESOURCE)],
                   'Update volume type.'),
    base.operation(DELETE, base.ADMIN_API, [('DELETE', RESOURCE)],
                   'Delete volume type.'),
    base.operation(GET, base.READER, [('GET', RESOURCE)],
                   'Get one specific volume type.'),
    base.operation(GET_ALL, base.READER, [('GET', COLLECTION)],
                   'List volume types.'),
    base.operation(EXTRA_SPECS_ACCESS, base.READER,
                   [('GET', RESOURCE), ('GET', COLLECTION)],
                   'Include the volume type\'s extra_specs attribute in '
                   'the volume type list or show requests.'),
    base.operation(SPECS_INDEX, base.READER, [('GET', SPECS)],
                   'List type extra specs.'),
    base.operation(SPECS_SHOW, base.READER, [('GET', SPEC)],
                   'Show one specified type extra specs.'),
    base.operation(SPECS_CREATE, base.ADMIN_API, [('POST', SPECS)],
                   'Create type extra specs.'),
    base.operation(SPECS_UPDATE, base.ADMIN_API, [('PUT', SPEC)],
                   'Update type extra specs.'),
    base.operation(SPECS_DELETE, base.ADMIN_API, [('DELETE', SPEC)],
                   'Delete type extra specs.'),
    base.operation(SPECS_READ_SENSITIVE, base.ADMIN_API,
                   [('GET', COLLECTION), ('GET', RESOURCE), ('GET', SPECS),
                    ('GET', SPEC)],
                   'Include extra_specs fields that may reveal sensitive '
                   'information about the deployment that should not be '
                   'exposed to end users in various volume-type responses '
                   'that show extra_specs.'),
]


def list_rules():
    return rules
