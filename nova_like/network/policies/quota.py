# SPDX-License-Identifier: Apache-2.0
"""Policy rules of quotas."""

from nova_like.network.policies import base

GET = 'get_quota'
LIST = 'get_quotas'
UPDATE = 'update_quota'
DELETE = 'delete_quota'
RESOURCE = '/quotas/{project_id}'

rules = [
    base.operation(GET, base.OWNER, 'GET', RESOURCE,
                   "Get a project's quotas (and their details)"),
    base.operation(LIST, base.ADMIN, 'GET', '/quotas',
                   'List the quotas of every project that has some set'),
    base.operation(UPDATE, base.ADMIN, 'PUT', RESOURCE,
                   "Update a project's quotas"),
    base.operation(DELETE, base.ADMIN, 'DELETE', RESOURCE,
                   "Reset a project's quotas to the defaults"),
]


def list_rules():
    return rules
