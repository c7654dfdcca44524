# SPDX-License-Identifier: Apache-2.0
"""Bodies of POST and PUT /servers/{id}/os-volume_attachments, per
microversion."""

import copy

from nova_like.api.schemas import common

# Nova's pattern of a device path (/dev/vdb, /dev/xvdc, ...).
_DEVICE = {'type': ['string', 'null'],
           'pattern': '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'}


def _body(properties, required=('volumeId',)):
    return {
        'type': 'object',
        'properties': {
            'volumeAttachment': {
                'type': 'object',
                'properties': properties,
                'required': list(required),
                'additionalProperties': False,
            },
        },
        'required': ['volumeAttachment'],
        'additionalProperties': False,
    }


_CREATE_V21 = _body({'volumeId': common.uuid, 'device': _DEVICE})
_CREATE_V249 = copy.deepcopy(_CREATE_V21)
_CREATE_V249['properties']['volumeAttachment']['properties']['tag'] = \
    common.tag
_CREATE_V279 = copy.deepcopy(_CREATE_V249)
_CREATE_V279['properties']['volumeAttachment']['properties'][
    'delete_on_termination'] = {'type': 'boolean'}

CREATE = [((2, 1), _CREATE_V21), ((2, 49), _CREATE_V249),
          ((2, 79), _CREATE_V279)]

_UPDATE_V21 = _body({'volumeId': common.uuid})
# 2.85: every field of the attachment may be sent back; only
# delete_on_termination (and volumeId, a swap) may differ.
_UPDATE_V285 = _body({
    'volumeId': common.uuid,
    'device': _DEVICE,
    'id': common.uuid,
    'serverId': common.uuid,
    'tag': common.tag,
    'delete_on_termination': {'type': 'boolean'},
})

UPDATE = [((2, 1), _UPDATE_V21), ((2, 85), _UPDATE_V285)]
