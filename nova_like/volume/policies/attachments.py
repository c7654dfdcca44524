# SPDX-License-Identifier: Apache-2.0
"""Policy rules of attachments, with Cinder's names and defaults."""

from nova_like.volume.policies import base

CREATE = 'volume:attachment_create'
UPDATE = 'volume:attachment_update'
DELETE = 'volume:attachment_delete'
COMPLETE = 'volume:attachment_complete'
MULTIATTACH_BOOTABLE = 'volume:multiattach_bootable_volume'
COLLECTION = '/attachments'
RESOURCE = '/attachments/{attachment_id}'

rules = [
    base.operation(CREATE, base.MEMBER, [('POST', COLLECTION)],
                   'Create attachment.'),
    base.operation(UPDATE, base.MEMBER, [('PUT', RESOURCE)],
                   'Update attachment.'),
    base.operation(DELETE, base.MEMBER, [('DELETE', RESOURCE)],
                   'Delete attachment.'),
    base.operation(COMPLETE, base.MEMBER,
                   [('POST', RESOURCE + '/action (os-complete)')],
                   'Mark a volume attachment process as completed (in-use)'),
    base.operation(MULTIATTACH_BOOTABLE, base.MEMBER,
                   [('POST', COLLECTION)],
                   'Allow multiattach of bootable volumes.'),
]


def list_rules():
    return rules
