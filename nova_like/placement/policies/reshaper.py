# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the reshaper routes."""

from nova_like.placement.policies import base

PREFIX = 'placement:reshaper'
RESHAPE = PREFIX + ':reshape'

rules = [
    base.operation(RESHAPE, base.ADMIN_OR_SERVICE, 'POST', '/reshaper',
                   'Reshape Inventory and Allocations.'),
]


def list_rules():
    return rules
