# SPDX-License-Identifier: Apache-2.0
"""Rules of quota class sets (Nova's os-quota-class-sets names)."""

from nova_like.api.policies import base

QUOTA_CLASS = 'os_compute_api:os-quota-class-sets'
SHOW = QUOTA_CLASS + ':show'
UPDATE = QUOTA_CLASS + ':update'
_PATH = '/os-quota-class-sets/{quota_class}'

rules = [
    base.operation(SHOW, base.ADMIN, "Show a quota class's limits.",
                   ('GET', _PATH)),
    base.operation(UPDATE, base.ADMIN,
                   "Set a quota class's limits (the 'default' class's are "
                   "every project's defaults).", ('PUT', _PATH)),
]


def list_rules():
    return rules
