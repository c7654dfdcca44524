# SPDX-License-Identifier: Apache-2.0
"""Bodies of /os-security-groups and /os-security-group-rules (2.1-2.35).

Nova checks these by hand, with its own texts (the handlers give them);
the schemas only ask for the one top-level key.
"""


def _one(key):
    return {'type': 'object', 'properties': {key: {}}, 'required': [key]}


GROUP = _one('security_group')
RULE = _one('security_group_rule')
