# SPDX-License-Identifier: Apache-2.0
"""Rules of os-server-password (Nova's names)."""

from nova_like.api.policies import base

SHOW = 'os_compute_api:os-server-password:show'
CLEAR = 'os_compute_api:os-server-password:clear'
_PATH = '/servers/{server_id}/os-server-password'

rules = [
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   "Show a server's encrypted admin password.",
                   ('GET', _PATH)),
    base.operation(CLEAR, base.PROJECT_MEMBER_OR_ADMIN,
                   "Clear a server's encrypted admin password.",
                   ('DELETE', _PATH)),
]


def list_rules():
    return rules
