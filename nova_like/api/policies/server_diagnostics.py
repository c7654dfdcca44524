# SPDX-License-Identifier: Apache-2.0
"""Rule of server diagnostics (Nova's name)."""

from nova_like.api.policies import base

DIAGNOSTICS = 'os_compute_api:os-server-diagnostics'

rules = [
    base.operation(DIAGNOSTICS, base.ADMIN,
                   "Show a running server's diagnostics.",
                   ('GET', '/servers/{server_id}/diagnostics')),
]


def list_rules():
    return rules
