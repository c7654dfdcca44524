# SPDX-License-Identifier: Apache-2.0
"""Schema pieces shared by several Placement resources."""

MAX_INT = 2147483647
UUID = {'type': 'string',
        'pattern': r'^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?'
                   r'[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$'}
NULLABLE_UUID = {'anyOf': [UUID, {'type': 'null'}]}
GENERATION = {'type': 'integer', 'minimum': 0}
RC_NAME = {'type': 'string', 'pattern': '^[A-Z0-9_]+$', 'maxLength': 255}
CUSTOM_RC_NAME = {'type': 'string', 'pattern': '^CUSTOM_[A-Z0-9_]+$',
                  'maxLength': 255}
TRAIT_NAME = {'type': 'string', 'pattern': '^[A-Z0-9_]+$', 'maxLength': 255}
CUSTOM_TRAIT_NAME = {'type': 'string', 'pattern': '^CUSTOM_[A-Z0-9_]+$',
                     'maxLength': 255}
