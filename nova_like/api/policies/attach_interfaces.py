# SPDX-License-Identifier: Apache-2.0
"""Rules of /servers/{id}/os-interface (os-attach-interfaces)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-attach-interfaces'
LIST = PREFIX + ':list'
SHOW = PREFIX + ':show'
CREATE = PREFIX + ':create'
DELETE = PREFIX + ':delete'
_ALL = '/servers/{server_id}/os-interface'
_ONE = '/servers/{server_id}/os-interface/{port_id}'

rules = [
    base.operation(LIST, base.PROJECT_READER_OR_ADMIN,
                   'List the port interfaces of a server.', ('GET', _ALL)),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show one port interface of a server.', ('GET', _ONE)),
    base.operation(CREATE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Attach a port or network to a server.', ('POST', _ALL)),
    base.operation(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Detach a port from a server.', ('DELETE', _ONE)),
]


def list_rules():
    return rules
