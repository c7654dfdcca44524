# SPDX-License-Identifier: Apache-2.0
"""Bodies of /servers/{id}/tags (2.26)."""

from nova_like.api.schemas import common

# PUT /tags: {"tags": [...]}; more than MAX_TAGS is refused by the handler
# with Nova's message.
TAGS = {
    'type': 'object',
    'properties': {'tags': {'type': 'array', 'items': common.tag}},
    'required': ['tags'],
    'additionalProperties': False,
}
