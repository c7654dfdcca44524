# SPDX-License-Identifier: Apache-2.0
"""Rules of os-services (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-services'
LIST = PREFIX + ':list'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'

rules = [
    base.operation(LIST, base.ADMIN, 'List services.',
                   ('GET', '/os-services')),
    base.operation(UPDATE, base.ADMIN,
                   'Enable, disable or force down a service.',
                   ('PUT', '/os-services/{service_id}'),
                   ('PUT', '/os-services/enable'),
                   ('PUT', '/os-services/disable'),
                   ('PUT', '/os-services/disable-log-reason'),
                   ('PUT', '/os-services/force-down')),
    base.operation(DELETE, base.ADMIN, 'Delete a service.',
                   ('DELETE', '/os-services/{service_id}')),
]


def list_rules():
    return rules
