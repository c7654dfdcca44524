# SPDX-License-Identifier: Apache-2.0
"""Rule of os-migrations (Nova's name)."""

from nova_like.api.policies import base

INDEX = 'os_compute_api:os-migrations:index'

rules = [
    base.operation(INDEX, base.ADMIN,
                   'List the migrations of servers, in every project.',
                   ('GET', '/os-migrations')),
]


def list_rules():
    return rules
