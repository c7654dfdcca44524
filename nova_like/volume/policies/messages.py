# SPDX-License-Identifier: Apache-2.0
"""Policy rules of user messages."""

from nova_like.volume.policies import base

GET = 'message:get'
GET_ALL = 'message:get_all'
DELETE = 'message:delete'
RESOURCE = '/messages/{message_id}'

rules = [
    base.operation(GET_ALL, base.READER, [('GET', '/messages')],
                   'List messages.'),
    base.operation(GET, base.READER, [('GET', RESOURCE)],
                   'Show message.'),
    base.operation(DELETE, base.MEMBER, [('DELETE', RESOURCE)],
                   'Delete message.'),
]


def list_rules():
    return rules
