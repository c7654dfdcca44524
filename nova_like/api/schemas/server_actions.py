# SPDX-License-Identifier: Apache-2.0
"""Bodies of POST /servers/{id}/action: one action name and its arguments."""

_NO_ARGUMENTS = {'type': ['null', 'object']}

REBOOT = {
    'type': 'object',
    'properties': {
        'reboot': {
            'type': 'object',
            'properties': {
                'type': {'enum': ['HARD', 'Hard', 'hard',
                                  'SOFT', 'Soft', 'soft']},
            },
            'required': ['type'],
            'additionalProperties': False,
        },
    },
    'required': ['reboot'],
    'additionalProperties': False,
}


def no_arguments(name):
    """{name: null} (os-stop, pause, ...): the value is ignored, as in Nova."""
    return {'type': 'object', 'properties': {name: _NO_ARGUMENTS},
            'required': [name], 'additionalProperties': False}


LOCK_V273 = {
    'type': 'object',
    'properties': {
        'lock': {
            'type': ['object', 'null'],
            'properties': {
                'locked_reason': {'type': 'string', 'minLength': 1,
                                  'maxLength': 255},
            },
            'additionalProperties': False,
        },
    },
    'required': ['lock'],
    'additionalProperties': False,
}

CONSOLE_OUTPUT = {
    'type': 'object',
    'properties': {
        'os-getConsoleOutput': {
            'type': 'object',
            'properties': {
                'length': {'type': ['integer', 'string', 'null'],
                           'pattern': '^-?[0-9]+$', 'minimum': -1},
            },
            'additionalProperties': False,
        },
    },
    'required': ['os-getConsoleOutput'],
    'additionalProperties': False,
}
