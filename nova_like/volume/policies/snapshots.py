# SPDX-License-Identifier: Apache-2.0
"""Policy rules of snapshots."""

from nova_like.volume.policies import base

GET = 'volume:get_snapshot'
GET_ALL = 'volume:get_all_snapshots'
CREATE = 'volume:create_snapshot'
UPDATE = 'volume:update_snapshot'
DELETE = 'volume:delete_snapshot'
EXTEND_ATTRIBUTE = 'volume_extension:extended_snapshot_attributes'
COLLECTION = '/snapshots'
RESOURCE = '/snapshots/{snapshot_id}'

rules = [
    base.operation(GET_ALL, base.READER,
                   [('GET', COLLECTION), ('GET', COLLECTION + '/detail')],
                   'List snapshots.'),
    base.operation(EXTEND_ATTRIBUTE, base.READER,
                   [('GET', RESOURCE), ('GET', COLLECTION + '/detail')],
                   'List or show snapshots with extended attributes.'),
    base.operation(CREATE, base.MEMBER, [('POST', COLLECTION)],
                   'Create snapshot.'),
    base.operation(GET, base.READER, [('GET', RESOURCE)],
                   'Show snapshot.'),
    base.operation(UPDATE, base.MEMBER, [('PUT', RESOURCE)],
                   'Update snapshot.'),
    base.operation(DELETE, base.MEMBER, [('DELETE', RESOURCE)],
                   'Delete snapshot.'),
]


def list_rules():
    return rules
