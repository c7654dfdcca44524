# SPDX-License-Identifier: Apache-2.0
"""Schema of the GET /usages query string."""


def query_schema(version):
    props = {'project_id': {'type': 'string', 'minLength': 1,
                            'maxLength': 255},
             'user_id': {'type': 'string', 'minLength': 1, 'maxLength': 255}}
    if version >= (1, 38):
        props['consumer_type'] = {'type': 'string', 'minLength': 1,
                                  'maxLength': 255}
    return {'type': 'object', 'properties': props,
            'required': ['project_id'], 'additionalProperties': False}
