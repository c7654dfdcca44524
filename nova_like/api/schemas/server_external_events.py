# SPDX-License-Identifier: Apache-2.0
"""The body of POST /os-server-external-events, per microversion."""

import copy

_NAMES = ['network-changed', 'network-vif-plugged', 'network-vif-unplugged',
          'network-vif-deleted']


def _create(names):
    event = {
        'type': 'object',
        'properties': {
            'server_uuid': {'type': 'string', 'format': 'uuid'},
            'name': {'type': 'string', 'enum': list(names)},
            'status': {'type': 'string',
                       'enum': ['failed', 'completed', 'in-progress']},
            'tag': {'type': 'string', 'maxLength': 255},
        },
        'required': ['server_uuid', 'name'],
        'additionalProperties': False,
    }
    return {'type': 'object',
            'properties': {'events': {'type': 'array', 'minItems': 1,
                                      'items': copy.deepcopy(event)}},
            'required': ['events'], 'additionalProperties': False}


CREATE = [((2, 1), _create(_NAMES)),
          ((2, 51), _create(_NAMES + ['volume-extended'])),
          ((2, 76), _create(_NAMES + ['volume-extended', 'power-update'])),
          ((2, 82), _create(_NAMES + ['volume-extended', 'power-update',
                                      'accelerator-request-bound'])),
          ((2, 93), _create(_NAMES + ['volume-extended', 'power-update',
                                      'accelerator-request-bound',
                                      'volume-reimaged']))]
