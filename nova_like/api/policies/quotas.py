# SPDX-License-Identifier: Apache-2.0
"""Rules of quota sets and limits (Nova's os-quota-sets and limits names)."""

from nova_like.api.policies import base

QUOTA = 'os_compute_api:os-quota-sets'
QUOTA_SHOW = QUOTA + ':show'
QUOTA_DETAIL = QUOTA + ':detail'
QUOTA_DEFAULTS = QUOTA + ':defaults'
QUOTA_UPDATE = QUOTA + ':update'
QUOTA_DELETE = QUOTA + ':delete'
LIMITS = 'os_compute_api:limits'
LIMITS_OTHER_PROJECT = LIMITS + ':other_project'
_PATH = '/os-quota-sets/{tenant_id}'

rules = [
    base.operation(QUOTA_SHOW, base.PROJECT_READER_OR_ADMIN,
                   "Show a project's quota limits.", ('GET', _PATH)),
    base.operation(QUOTA_DETAIL, base.PROJECT_READER_OR_ADMIN,
                   "Show a project's quota limits and usage.",
                   ('GET', _PATH + '/detail')),
    base.operation(QUOTA_DEFAULTS, base.ANY,
                   'Show the default quota limits.',
                   ('GET', _PATH + '/defaults')),
    base.operation(QUOTA_UPDATE, base.ADMIN,
                   "Set a project's quota limits.", ('PUT', _PATH)),
    base.operation(QUOTA_DELETE, base.ADMIN,
                   "Reset a project's quota limits to the defaults.",
                   ('DELETE', _PATH)),
    base.operation(LIMITS, base.ANY,
                   "Show the caller's project's limits and usage.",
                   ('GET', '/limits')),
    base.operation(LIMITS_OTHER_PROJECT, base.ADMIN,
                   "Show another project's limits (tenant_id).",
                   ('GET', '/limits')),
]


def list_rules():
    return rules
