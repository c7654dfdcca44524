# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the resource provider routes."""

from nova_like.placement.policies import base

PREFIX = 'placement:resource_providers'
LIST = PREFIX + ':list'
CREATE = PREFIX + ':create'
SHOW = PREFIX + ':show'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'

rules = [
    base.operation(LIST, base.ADMIN_OR_SERVICE, 'GET', '/resource_providers',
                   'List resource providers.'),
    base.operation(CREATE, base.ADMIN_OR_SERVICE,
                   'POST', '/resource_providers',
                   'Create resource provider.'),
    base.operation(SHOW, base.ADMIN_OR_SERVICE,
                   'GET', '/resource_providers/{uuid}',
                   'Show resource provider.'),
    base.operation(UPDATE, base.ADMIN_OR_SERVICE,
                   'PUT', '/resource_providers/{uuid}',
                   'Update resource provider.'),
    base.operation(DELETE, base.ADMIN_OR_SERVICE,
                   'DELETE', '/resource_providers/{uuid}',
                   'Delete resource provider.'),
]


def list_rules():
    return rules
