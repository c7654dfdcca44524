# SPDX-License-Identifier: Apache-2.0
"""Rules of /servers/{id}/ips (Nova's os_compute_api:ips:*)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:ips'
INDEX = PREFIX + ':index'
SHOW = PREFIX + ':show'

rules = [
    base.operation(INDEX, base.PROJECT_READER_OR_ADMIN,
                   'List the addresses of a server by network.',
                   ('GET', '/servers/{server_id}/ips')),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show the addresses of a server on one network.',
                   ('GET', '/servers/{server_id}/ips/{network_label}')),
]


def list_rules():
    return rules
