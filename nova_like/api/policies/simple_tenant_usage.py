# SPDX-License-Identifier: Apache-2.0
"""Rules of os-simple-tenant-usage (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-simple-tenant-usage'
LIST = PREFIX + ':list'
SHOW = PREFIX + ':show'

rules = [
    base.operation(LIST, base.ADMIN,
                   'Show the usage of every project.',
                   ('GET', '/os-simple-tenant-usage')),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   "Show one project's usage.",
                   ('GET', '/os-simple-tenant-usage/{tenant_id}')),
]


def list_rules():
    return rules
