# SPDX-License-Identifier: Apache-2.0
"""Policy rules of the allocation candidate routes."""

from nova_like.placement.policies import base

PREFIX = 'placement:allocation_candidates'
LIST = PREFIX + ':list'

rules = [
    base.operation(LIST, base.ADMIN_OR_SERVICE,
                   'GET', '/allocation_candidates',
                   'List allocation candidates.'),
]


def list_rules():
    return rules
