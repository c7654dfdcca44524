# SPDX-License-Identifier: Apache-2.0
"""Rules of /servers/{id}/os-volume_attachments (os-volumes-attachments)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-volumes-attachments'
INDEX = PREFIX + ':index'
SHOW = PREFIX + ':show'
CREATE = PREFIX + ':create'
UPDATE = PREFIX + ':update'
SWAP = PREFIX + ':swap'
DELETE = PREFIX + ':delete'
_ALL = '/servers/{server_id}/os-volume_attachments'
_ONE = '/servers/{server_id}/os-volume_attachments/{volume_id}'

rules = [
    base.operation(INDEX, base.PROJECT_READER_OR_ADMIN,
                   'List volume attachments for an instance.',
                   ('GET', _ALL)),
    base.operation(CREATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Attach a volume to an instance.', ('POST', _ALL)),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show details of a volume attachment.', ('GET', _ONE)),
    base.operation(UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Update a volume attachment (its delete_on_termination '
                   'from 2.85).', ('PUT', _ONE)),
    base.operation(SWAP, base.ADMIN,
                   'Swap the volume of an attachment for another one '
                   '(not supported yet).', ('PUT', _ONE)),
    base.operation(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Detach a volume from an instance.', ('DELETE', _ONE)),
]


def list_rules():
    return rules
