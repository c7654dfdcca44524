# SPDX-License-Identifier: Apache-2.0
"""Rules of the os-tenant-networks proxy (os_compute_api:os-tenant-networks).
"""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-tenant-networks'
LIST = PREFIX + ':list'
SHOW = PREFIX + ':show'

rules = [
    base.operation(LIST, base.PROJECT_READER_OR_ADMIN,
                   'List the networks the project may use (2.1 to 2.35).',
                   ('GET', '/os-tenant-networks')),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show one network (2.1 to 2.35).',
                   ('GET', '/os-tenant-networks/{network_id}')),
]


def list_rules():
    return rules
