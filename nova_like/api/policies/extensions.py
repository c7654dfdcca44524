# SPDX-License-Identifier: Apache-2.0
"""Rule of /extensions (Nova's name)."""

from nova_like.api.policies import base

EXTENSIONS = 'os_compute_api:extensions'

rules = [
    base.operation(EXTENSIONS, base.ANY,
                   'List the (fixed) API extensions, or show one.',
                   ('GET', '/extensions'), ('GET', '/extensions/{alias}')),
]


def list_rules():
    return rules
