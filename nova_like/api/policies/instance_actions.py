# SPDX-License-Identifier: Apache-2.0
"""Rules of /servers/{id}/os-instance-actions.

Nova's os_compute_api:os-instance-actions:*.
"""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:os-instance-actions'
LIST = PREFIX + ':list'
SHOW = PREFIX + ':show'
EVENTS = PREFIX + ':events'
EVENTS_DETAILS = PREFIX + ':events:details'
_ALL = '/servers/{server_id}/os-instance-actions'
_ONE = '/servers/{server_id}/os-instance-actions/{request_id}'

rules = [
    base.operation(LIST, base.PROJECT_READER_OR_ADMIN,
                   'List the actions done to a server.', ('GET', _ALL)),
    base.operation(SHOW, base.PROJECT_READER_OR_ADMIN,
                   'Show one action of a server with its events.',
                   ('GET', _ONE)),
    base.operation(EVENTS, base.ADMIN,
                   'Show the traceback and host of each event of an '
                   'action (before 2.51, the events themselves).',
                   ('GET', _ONE)),
    base.operation(EVENTS_DETAILS, base.PROJECT_READER_OR_ADMIN,
                   'Show the details of each event of an action (2.84).',
                   ('GET', _ONE)),
]


def list_rules():
    return rules
