# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the inventory routes."""

from nova_like.placement.policies import base

PREFIX = 'placement:resource_providers:inventories'
LIST = PREFIX + ':list'
CREATE = PREFIX + ':create'
SHOW = PREFIX + ':show'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'

rules = [
    base.operation(LIST, base.ADMIN_OR_SERVICE,
                   'GET', '/resource_providers/{uuid}/inventories',
                   'List resource provider inventories.'),
    base.operation(CREATE, base.ADMIN_OR_SERVICE,
                   'POST', '/resource_providers/{uuid}/inventories',
                   'Create one resource provider inventory.'),
    base.operation(SHOW, base.ADMIN_OR_SERVICE,
                   'GET',
                   '/resource_providers/{uuid}/inventories/{resource_class}',
                   'Show resource provider inventory.'),
    base.operation(UPDATE, base.ADMIN_OR_SERVICE,
                   'PUT', '/resource_providers/{uuid}/inventories',
                   'Update resource provider inventory.'),
    base.operation(DELETE, base.ADMIN_OR_SERVICE,
                   'DELETE', '/resource_providers/{uuid}/inventories',
                   'Delete resource provider inventory.'),
]


def list_rules():
    return rules
