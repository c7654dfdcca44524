# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the allocation routes."""

from nova_like.placement.policies import base

PREFIX = 'placement'
ALLOCATIONS_LIST = PREFIX + ':allocations:list'
ALLOCATIONS_MANAGE = PREFIX + ':allocations:manage'
ALLOCATIONS_UPDATE = PREFIX + ':allocations:update'
ALLOCATIONS_DELETE = PREFIX + ':allocations:delete'
RESOURCE_PROVIDERS_ALLOCATIONS_LIST = (
    PREFIX + ':resource_providers:allocations:list')

rules = [
    base.operation(ALLOCATIONS_LIST, base.ADMIN_OR_SERVICE,
                   'GET', '/allocations/{consumer_uuid}',
                   'List allocations.'),
    base.operation(ALLOCATIONS_MANAGE, base.ADMIN_OR_SERVICE,
                   'POST', '/allocations',
                   'Manage allocations.'),
    base.operation(ALLOCATIONS_UPDATE, base.ADMIN_OR_SERVICE,
                   'PUT', '/allocations/{consumer_uuid}',
                   'Update allocations.'),
    base.operation(ALLOCATIONS_DELETE, base.ADMIN_OR_SERVICE,
                   'DELETE', '/allocations/{consumer_uuid}',
                   'Delete allocations.'),
    base.operation(RESOURCE_PROVIDERS_ALLOCATIONS_LIST, base.ADMIN_OR_SERVICE,
                   'GET', '/resource_providers/{uuid}/allocations',
                   'List resource provider allocations.'),
]


def list_rules():
    return rules
