# SPDX-License-Identifier: Apache-2.0
"""Policy rules of volumes, their actions and metadata."""

from nova_like.volume.policies import base

CREATE = 'volume:create'
CREATE_FROM_IMAGE = 'volume:create_from_image'
GET = 'volume:get'
GET_ALL = 'volume:get_all'
UPDATE = 'volume:update'
DELETE = 'volume:delete'
FORCE_DELETE = 'volume:force_delete'
HOST_ATTRIBUTE = 'volume_extension:volume_host_attribute'
TENANT_ATTRIBUTE = 'volume_extension:volume_tenant_attribute'
MIG_ATTRIBUTE = 'volume_extension:volume_mig_status_attribute'
EXTEND = 'volume:extend'
RESET_STATUS = 'volume_extension:volume_admin_actions:reset_status'
UPDATE_READONLY = 'volume:update_readonly_flag'
GET_METADATA = 'volume:get_volume_metadata'
CREATE_METADATA = 'volume:create_volume_metadata'
UPDATE_METADATA = 'volume:update_volume_metadata'
DELETE_METADATA = 'volume:delete_volume_metadata'
COLLECTION = '/volumes'
RESOURCE = '/volumes/{volume_id}'
ACTION = '/volumes/{volume_id}/action'
METADATA = '/volumes/{volume_id}/metadata'
METADATA_KEY = '/volumes/{volume_id}/metadata/{key}'

rules = [
    base.operation(CREATE, base.MEMBER, [('POST', COLLECTION)],
                   'Create volume.'),
    base.operation(CREATE_FROM_IMAGE, base.MEMBER, [('POST', COLLECTION)],
                   'Create volume from image.'),
    base.operation(GET, base.READER, [('GET', RESOURCE)],
                   'Show volume.'),
    base.operation(GET_ALL, base.READER,
                   [('GET', COLLECTION), ('GET', COLLECTION + '/detail')],
                   'List volumes or get summary of volumes.'),
    base.operation(UPDATE, base.MEMBER, [('PUT', RESOURCE)],
                   'Update volume.'),
    base.operation(DELETE, base.MEMBER, [('DELETE', RESOURCE)],
                   'Delete volume.'),
    base.operation(FORCE_DELETE, base.ADMIN_API, [('DELETE', RESOURCE)],
                   'Force Delete a volume.'),
    base.operation(HOST_ATTRIBUTE, base.ADMIN_API,
                   [('GET', RESOURCE), ('GET', COLLECTION + '/detail')],
                   'List or show volume with host attribute.'),
    base.operation(TENANT_ATTRIBUTE, base.READER,
                   [('GET', RESOURCE), ('GET', COLLECTION + '/detail')],
                   'List or show volume with tenant attribute.'),
    base.operation(MIG_ATTRIBUTE, base.ADMIN_API,
                   [('GET', RESOURCE), ('GET', COLLECTION + '/detail')],
                   'List or show volume with migration status attribute.'),
    base.operation(EXTEND, base.MEMBER, [('POST', ACTION + ' (os-extend)')],
                   'Extend a volume.'),
    base.operation(RESET_STATUS, base.ADMIN_API,
                   [('POST', ACTION + ' (os-reset_status)')],
                   'Reset status of a volume.'),
    base.operation(UPDATE_READONLY, base.MEMBER,
                   [('POST', ACTION + ' (os-update_readonly_flag)')],
                   'Update volume read-only status.'),
    base.operation(GET_METADATA, base.READER,
                   [('GET', METADATA), ('GET', METADATA_KEY)],
                   "Show volume's metadata or one specified metadata "
                   "with a given key."),
    base.operation(CREATE_METADATA, base.MEMBER, [('POST', METADATA)],
                   'Create volume metadata.'),
    base.operation(UPDATE_METADATA, base.MEMBER,
                   [('PUT', METADATA), ('PUT', METADATA_KEY)],
                   "Replace a volume's metadata dictionary or update a "
                   "single metadatum with a given key."),
    base.operation(DELETE_METADATA, base.MEMBER, [('DELETE', METADATA_KEY)],
                   "Delete a volume's metadatum with the given key."),
]


def list_rules():
    return rules
