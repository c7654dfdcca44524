# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of Block Storage answers, as Cinder's api-ref shows them."""

import jsonschema

NULLABLE_STRING = {'type': ['string', 'null']}
LINKS = {'type': 'array', 'minItems': 2, 'items': {
    'type': 'object', 'required': ['href', 'rel'],
    'properties': {'href': {'type': 'string'}, 'rel': {'type': 'string'}}}}

VOLUME = {
    'type': 'object',
    'required': ['id', 'name', 'description', 'size', 'status',
                 'availability_zone', 'bootable', 'encrypted',
                 'multiattach', 'attachments', 'metadata', 'volume_type',
                 'snapshot_id', 'source_volid', 'user_id',
                 'consistencygroup_id', 'replication_status',
                 'migration_status', 'links', 'created_at', 'updated_at'],
    'properties': {
        'id': {'type': 'string', 'format': 'uuid'},
        'name': NULLABLE_STRING, 'description': NULLABLE_STRING,
        'size': {'type': 'integer', 'minimum': 1},
        'status': {'enum': ['creating', 'available', 'error', 'extending',
                            'error_extending', 'deleting', 'error_deleting',
                            'in-use', 'attaching', 'detaching', 'reserved',
                            'maintenance', 'error_restoring',
                            'error_managing']},
        'bootable': {'enum': ['true', 'false']},
        'encrypted': {'type': 'boolean'},
        'multiattach': {'type': 'boolean'},
        'attachments': {'type': 'array'},
        'metadata': {'type': 'object',
                     'additionalProperties': {'type': 'string'}},
        'volume_type': {'type': 'string'},
        'links': LINKS,
        'created_at': {'type': 'string'},
        'updated_at': NULLABLE_STRING,
        'os-vol-tenant-attr:tenant_id': {'type': 'string'},
        'os-vol-host-attr:host': NULLABLE_STRING,
        'group_id': {'type': 'null'},
        'provider_id': {'type': 'null'},
    },
}


def check_volume(body):
    jsonschema.validate(body, VOLUME)
    return body


VOLUME_ATTACHMENT = {
    'type': 'object',
    'required': ['id', 'attachment_id', 'volume_id', 'server_id',
                 'host_name', 'device', 'attached_at'],
    'properties': {'id': {'type': 'string'},
                   'attachment_id': {'type': 'string', 'format': 'uuid'},
                   'server_id': NULLABLE_STRING,
                   'host_name': NULLABLE_STRING,
                   'device': NULLABLE_STRING,
                   'attached_at': NULLABLE_STRING},
}
ATTACHMENT = {
    'type': 'object',
    'required': ['id', 'status', 'instance', 'volume_id', 'attached_at',
                 'detached_at', 'attach_mode', 'connection_info'],
    'additionalProperties': False,
    'properties': {
        'id': {'type': 'string', 'format': 'uuid'},
        'status': {'enum': ['reserved', 'attaching', 'attached',
                            'detaching', 'error_attaching']},
        'instance': NULLABLE_STRING,
        'volume_id': {'type': 'string', 'format': 'uuid'},
        'attached_at': {'type': 'string'},
        'detached_at': {'type': 'string'},
        'attach_mode': {'enum': ['rw', 'ro']},
        # Flat: the driver's data keys beside driver_volume_type.
        'connection_info': {'type': 'object', 'properties': {
            'driver_volume_type': {'enum': ['local', 'iscsi']},
            'attachment_id': {'type': 'string'},
            'data': False}},
    },
}


def check_attachment(body):
    jsonschema.validate(body, ATTACHMENT)
    return body


def check_volume_attachments(volume):
    for item in volume['attachments']:
        jsonschema.validate(item, VOLUME_ATTACHMENT)
    return volume
