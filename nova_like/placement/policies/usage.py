# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the usage routes."""

from nova_like.placement.policies import base

PREFIX = 'placement'
RESOURCE_PROVIDERS_USAGES = PREFIX + ':resource_providers:usages'
USAGES = PREFIX + ':usages'

rules = [
    base.operation(RESOURCE_PROVIDERS_USAGES, base.ADMIN_OR_SERVICE,
                   'GET', '/resource_providers/{uuid}/usages',
                   'List resource provider usages.'),
    base.operation(USAGES, base.ADMIN_OR_SERVICE, 'GET', '/usages',
                   'List total resource usages for a given project.'),
]


def list_rules():
    return rules
