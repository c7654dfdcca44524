# SPDX-License-Identifier: Apache-2.0
"""Parameter types the resource schemas share.

Names, booleans, counts and metadata.
"""

import copy

# A name: printable, no leading or trailing whitespace, 1..255 characters.
NAME_PATTERN = r'^(?!\s)[^\x00-\x1f\x7f]*(?<!\s)$'

name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': NAME_PATTERN}

description = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255,
               'pattern': r'^[^\x00-\x1f\x7f]*$'}

boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on',
             'YES', 'Yes', 'yes',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off',
             'NO', 'No', 'no'],
}

# A pattern binds strings (query values), minimum binds integers.
positive_integer = {'type': ['integer', 'string'],
                    'pattern': '^0*[1-9][0-9]*$', 'minimum': 1}

non_negative_integer = {'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
                        'minimum': 0}

metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

tag = {'type': 'string', 'minLength': 1, 'maxLength': 60,
       'pattern': '^[^,/]*$'}

uuid = {'type': 'string', 'format': 'uuid'}


def multi(item=None):
    """A query parameter: one or more values, each matching item."""
    return {'type': 'array', 'items': item or {'type': 'string'}}


def single(item=None):
    """A query parameter meant once (the last value counts)."""
    return multi(item)


def strict(schema):
    """A copy of a query schema that refuses unknown parameters."""
    copied = copy.deepcopy(schema)
    copied['additionalProperties'] = False
    return copied


TRUE_STRINGS = ('true', '1', 'on', 'yes')


def to_bool(value):
    """A schema-checked boolean (True or one of its spellings) as bool."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in TRUE_STRINGS


def for_version(table, version):
    """The schema of table that applies at version."""
    chosen = table[0][1]
    for min_version, schema in table:
        if version >= min_version:
            chosen = schema
    return chosen
