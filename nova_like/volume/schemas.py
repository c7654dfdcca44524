# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of Block Storage request bodies, and their check.

What fails is a 400 naming the field: "Invalid input for field/attribute
size. Value: 0. 0 is less than the minimum of 1", as Cinder says it.
"""

import jsonschema
from jsonschema import exceptions as js_exc
from oslo_utils import uuidutils

from nova_like.volume import errors

MAX_INT = 2 ** 31 - 1
NAME = {'type': ['string', 'null'], 'maxLength': 255}
DESCRIPTION = {'type': ['string', 'null'], 'maxLength': 255}
UUID = {'type': ['string', 'null'], 'format': 'uuid'}
SIZE = {'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
        'minimum': 1, 'maximum': MAX_INT}
BOOLEAN = {'type': ['boolean', 'string'],
           'enum': [True, False, 'True', 'False', 'true', 'false', 'TRUE',
                    'FALSE', '1', '0', 'yes', 'no', 'on', 'off', 'y', 'n',
                    't', 'f']}
METADATA = {
    'type': 'object',
    'patternProperties': {'^.{1,255}$': {'type': 'string',
                                         'maxLength': 255}},
    'additionalProperties': False,
}
EXTRA_SPECS = {
    'type': 'object',
    'patternProperties': {'^[a-zA-Z0-9-_:. /]{1,255}$': {
        'type': 'string', 'maxLength': 255}},
    'additionalProperties': False,
}

VOLUME_CREATE = {
    'type': 'object',
    'properties': {'volume': {
        'type': 'object',
        'properties': {
            'name': NAME, 'description': DESCRIPTION,
            'display_name': NAME, 'display_description': DESCRIPTION,
            'size': {'anyOf': [SIZE, {'type': 'null'}]},
            'metadata': {'anyOf': [METADATA, {'type': 'null'}]},
            'volume_type': {'type': ['string', 'null'], 'maxLength': 255},
            'availability_zone': {'type': ['string', 'null'],
                                  'maxLength': 255},
            'imageRef': {'type': ['string', 'null']},
            'image_id': {'type': ['string', 'null']},
            'snapshot_id': UUID, 'source_volid': UUID,
            'backup_id': UUID, 'consistencygroup_id': UUID,
            'group_id': UUID,
            'multiattach': {'anyOf': [BOOLEAN, {'type': 'null'}]},
        },
        'additionalProperties': True,
    }},
    'required': ['volume'],
}

VOLUME_UPDATE = {
    'type': 'object',
    'properties': {'volume': {
        'type': 'object',
        'properties': {
            'name': NAME, 'description': DESCRIPTION,
            'display_name': NAME, 'display_description': DESCRIPTION,
            'metadata': METADATA,
        },
        'additionalProperties': False,
        'minProperties': 1,
    }},
    'required': ['volume'],
    'additionalProperties': False,
}

METADATA_BODY = {
    'type': 'object',
    'properties': {'metadata': METADATA},
    'required': ['metadata'],
    'additionalProperties': False,
}

META_ITEM = {
    'type': 'object',
    'properties': {'meta': dict(METADATA, minProperties=1,
                                maxProperties=1)},
    'required': ['meta'],
    'additionalProperties': False,
}

EXTEND = {
    'type': 'object',
    'properties': {'new_size': SIZE},
    'required': ['new_size'],
    'additionalProperties': False,
}

RESET_STATUS = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string'},
        'attach_status': {'type': 'string'},
        'migration_status': {'type': ['string', 'null']},
    },
    'minProperties': 1,
    'additionalProperties': False,
}

SET_BOOTABLE = {
    'type': 'object',
    'properties': {'bootable': BOOLEAN},
    'required': ['bootable'],
    'additionalProperties': False,
}

UPDATE_READONLY = {
    'type': 'object',
    'properties': {'readonly': BOOLEAN},
    'required': ['readonly'],
    'additionalProperties': False,
}

TYPE_CREATE = {
    'type': 'object',
    'properties': {'volume_type': {
        'type': 'object',
        'properties': {
            'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                     'pattern': r'^(?!\s*$).+'},
            'description': DESCRIPTION,
            'os-volume-type-access:is_public': BOOLEAN,
            'extra_specs': EXTRA_SPECS,
        },
        'required': ['name'],
        'additionalProperties': False,
    }},
    'required': ['volume_type'],
    'additionalProperties': False,
}

TYPE_UPDATE = {
    'type': 'object',
    'properties': {'volume_type': {
        'type': 'object',
        'properties': {
            'name': {'type': ['string', 'null'], 'minLength': 1,
                     'maxLength': 255, 'pattern': r'^(?!\s*$).+'},
            'description': DESCRIPTION,
            'is_public': BOOLEAN,
        },
        'additionalProperties': False,
        'minProperties': 1,
    }},
    'required': ['volume_type'],
    'additionalProperties': False,
}

EXTRA_SPECS_BODY = {
    'type': 'object',
    'properties': {'extra_specs': EXTRA_SPECS},
    'required': ['extra_specs'],
    'additionalProperties': False,
}

EXTRA_SPEC_ITEM = dict(EXTRA_SPECS, minProperties=1, maxProperties=1)

SNAPSHOT_CREATE = {
    'type': 'object',
    'properties': {'snapshot': {
        'type': 'object',
        'properties': {
            'volume_id': {'type': 'string', 'format': 'uuid'},
            'name': NAME, 'description': DESCRIPTION,
            'display_name': NAME, 'display_description': DESCRIPTION,
            'force': {'anyOf': [BOOLEAN, {'type': 'null'}]},
            'metadata': {'anyOf': [METADATA, {'type': 'null'}]},
        },
        'required': ['volume_id'],
        'additionalProperties': False,
    }},
    'required': ['snapshot'],
    'additionalProperties': False,
}

SNAPSHOT_UPDATE = {
    'type': 'object',
    'properties': {'snapshot': {
        'type': 'object',
        'properties': {
            'name': NAME, 'description': DESCRIPTION,
            'display_name': NAME, 'display_description': DESCRIPTION,
        },
        'additionalProperties': False,
        'minProperties': 1,
    }},
    'required': ['snapshot'],
    'additionalProperties': False,
}

QUOTA_UPDATE = {
    'type': 'object',
    'properties': {'quota_set': {'type': 'object'}},
    'required': ['quota_set'],
    'additionalProperties': False,
}

_checker = jsonschema.FormatChecker()


@_checker.checks('uuid')
def _is_uuid(instance):
    return not isinstance(instance, str) or uuidutils.is_uuid_like(instance)


def validate(schema, document):
    """document, checked against schema.

    :raises: BadRequest naming the innermost field and the rule broken.
    """
    validator = jsonschema.Draft4Validator(schema, format_checker=_checker)
    try:
        validator.validate(document)
    except js_exc.ValidationError as exc:
        if exc.context:
            exc = js_exc.best_match([exc])
        if exc.absolute_path:
            raise errors.bad_request(
                'Invalid input for field/attribute %s. Value: %s. %s'
                % (exc.absolute_path[-1], exc.instance, exc.message))
        raise errors.bad_request(exc.message)
    return document


def to_bool(value):
    """A BOOLEAN value (already validated) as a bool."""
    if isinstance(value, bool):
        return value
    return value.lower() in ('true', '1', 'yes', 'on', 'y', 't')


CONNECTOR = {'type': 'object', 'properties': {
    'host': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'initiator': {'type': ['string', 'null'], 'maxLength': 255},
    'mountpoint': {'type': ['string', 'null'], 'maxLength': 255},
    'mode': {'enum': ['rw', 'ro']},
}, 'required': ['host']}
ATTACHMENT_CREATE = {
    'type': 'object',
    'properties': {'attachment': {
        'type': 'object',
        'properties': {
            'volume_uuid': {'type': 'string', 'format': 'uuid'},
            'instance_uuid': UUID,
            'connector': {'anyOf': [CONNECTOR, {'type': 'null'}]},
            'mode': {'enum': ['rw', 'ro']},
        },
        'required': ['volume_uuid'],
        'additionalProperties': False,
    }},
    'required': ['attachment'],
    'additionalProperties': False,
}
ATTACHMENT_UPDATE = {
    'type': 'object',
    'properties': {'attachment': {
        'type': 'object',
        'properties': {'connector': CONNECTOR},
        'required': ['connector'],
        'additionalProperties': False,
    }},
    'required': ['attachment'],
    'additionalProperties': False,
}
