# SPDX-License-Identifier: Apache-2.0
"""Rules of os-availability-zone (Nova's names and defaults)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-availability-zone'
LIST = PREFIX + ':list'
DETAIL = PREFIX + ':detail'

rules = [
    base.operation(LIST, base.ANY,
                   'List the availability zones a server may ask for.',
                   ('GET', '/os-availability-zone')),
    base.operation(DETAIL, base.ADMIN,
                   'List every availability zone with its hosts and '
                   'services.', ('GET', '/os-availability-zone/detail')),
]


def list_rules():
    return rules
