# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the trait routes."""

from nova_like.placement.policies import base

PREFIX = 'placement'
RESOURCE_PROVIDERS_TRAITS_LIST = PREFIX + ':resource_providers:traits:list'
RESOURCE_PROVIDERS_TRAITS_UPDATE = PREFIX + ':resource_providers:traits:update'
RESOURCE_PROVIDERS_TRAITS_DELETE = PREFIX + ':resource_providers:traits:delete'
TRAITS_LIST = PREFIX + ':traits:list'
TRAITS_SHOW = PREFIX + ':traits:show'
TRAITS_UPDATE = PREFIX + ':traits:update'
TRAITS_DELETE = PREFIX + ':traits:delete'

rules = [
    base.operation(RESOURCE_PROVIDERS_TRAITS_LIST, base.ADMIN_OR_SERVICE,
                   'GET', '/resource_providers/{uuid}/traits',
                   'List resource provider traits.'),
    base.operation(RESOURCE_PROVIDERS_TRAITS_UPDATE, base.ADMIN_OR_SERVICE,
                   'PUT', '/resource_providers/{uuid}/traits',
                   'Update resource provider traits.'),
    base.operation(RESOURCE_PROVIDERS_TRAITS_DELETE, base.ADMIN_OR_SERVICE,
                   'DELETE', '/resource_providers/{uuid}/traits',
                   'Delete resource provider traits.'),
    base.operation(TRAITS_LIST, base.ADMIN_OR_SERVICE, 'GET', '/traits',
                   'List traits.'),
    base.operation(TRAITS_SHOW, base.ADMIN_OR_SERVICE, 'GET', '/traits/{name}',
                   'Show trait.'),
    base.operation(TRAITS_UPDATE, base.ADMIN_OR_SERVICE,
                   'PUT', '/traits/{name}',
                   'Create or update trait.'),
    base.operation(TRAITS_DELETE, base.ADMIN_OR_SERVICE,
                   'DELETE', '/traits/{name}',
                   'Delete trait.'),
]


def list_rules():
    return rules
