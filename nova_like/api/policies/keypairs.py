# SPDX-License-Identifier: Apache-2.0
"""Rules of key pairs: their owner, or an admin (Nova's os-keypairs names)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-keypairs'
INDEX = PREFIX + ':index'
CREATE = PREFIX + ':create'
DELETE = PREFIX + ':delete'
SHOW = PREFIX + ':show'
_OWNER_OR_ADMIN = '(rule:context_is_admin) or user_id:%(user_id)s'

rules = [
    base.operation(INDEX, _OWNER_OR_ADMIN,
                   "List a user's key pairs (another user's: admin).",
                   ('GET', '/os-keypairs')),
    base.operation(CREATE, _OWNER_OR_ADMIN,
                   'Import or generate a key pair.',
                   ('POST', '/os-keypairs')),
    base.operation(DELETE, _OWNER_OR_ADMIN, 'Delete a key pair.',
                   ('DELETE', '/os-keypairs/{keypair_name}')),
    base.operation(SHOW, _OWNER_OR_ADMIN, 'Show a key pair.',
                   ('GET', '/os-keypairs/{keypair_name}')),
]


def list_rules():
    return rules
