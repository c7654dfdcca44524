# SPDX-License-Identifier: Apache-2.0
"""Bodies of the addSecurityGroup and removeSecurityGroup server actions.

Nova checks these by hand, so the handler gives its texts; the schema only
holds the action's name.
"""


def action(name):
    """{name: {"name": group}}: anything under name, checked by hand."""
    return {'type': 'object', 'properties': {name: {}},
            'required': [name]}
