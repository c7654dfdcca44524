# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the aggregate routes."""

from nova_like.placement.policies import base

PREFIX = 'placement:resource_providers:aggregates'
LIST = PREFIX + ':list'
UPDATE = PREFIX + ':update'

rules = [
    base.operation(LIST, base.ADMIN_OR_SERVICE,
                   'GET', '/resource_providers/{uuid}/aggregates',
                   'List resource provider aggregates.'),
    base.operation(UPDATE, base.ADMIN_OR_SERVICE,
                   'PUT', '/resource_providers/{uuid}/aggregates',
                   'Update resource provider aggregates.'),
]


def list_rules():
    return rules
