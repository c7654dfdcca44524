# SPDX-License-Identifier: Apache-2.0
"""Policy rules of quota sets and limits."""

from nova_like.volume.policies import base

SHOW = 'volume_extension:quotas:show'
UPDATE = 'volume_extension:quotas:update'
DELETE = 'volume_extension:quotas:delete'
USED_LIMITS = 'limits_extension:used_limits'
RESOURCE = '/os-quota-sets/{project_id}'

rules = [
    base.operation(SHOW, base.READER,
                   [('GET', RESOURCE), ('GET', RESOURCE + '/default'),
                    ('GET', RESOURCE + '?usage=True')],
                   'Show project quota (including usage and default).'),
    base.operation(UPDATE, base.ADMIN_API, [('PUT', RESOURCE)],
                   'Update project quota.'),
    base.operation(DELETE, base.ADMIN_API, [('DELETE', RESOURCE)],
                   'Delete project quota.'),
    base.operation(USED_LIMITS, base.READER, [('GET', '/limits')],
                   'Show limits with used limit attributes.'),
]


def list_rules():
    return rules
