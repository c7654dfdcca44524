# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the resource class routes."""

from nova_like.placement.policies import base

PREFIX = 'placement:resource_classes'
LIST = PREFIX + ':list'
CREATE = PREFIX + ':create'
SHOW = PREFIX + ':show'
UPDATE = PREFIX + ':update'
DELETE = PREFIX + ':delete'

rules = [
    base.operation(LIST, base.ADMIN_OR_SERVICE, 'GET', '/resource_classes',
                   'List resource classes.'),
    base.operation(CREATE, base.ADMIN_OR_SERVICE, 'POST', '/resource_classes',
                   'Create resource class.'),
    base.operation(SHOW, base.ADMIN_OR_SERVICE,
                   'GET', '/resource_classes/{name}',
                   'Show resource class.'),
    base.operation(UPDATE, base.ADMIN_OR_SERVICE,
                   'PUT', '/resource_classes/{name}',
                   'Update resource class.'),
    base.operation(DELETE, base.ADMIN_OR_SERVICE,
                   'DELETE', '/resource_classes/{name}',
                   'Delete resource class.'),
]


def list_rules():
    return rules
