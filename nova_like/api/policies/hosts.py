# SPDX-License-Identifier: Apache-2.0
"""Rules of the deprecated os-hosts API (Nova's names; up to 2.42)."""

from nova_like.api.policies import base

_ROOT = 'os_compute_api:os-hosts:%s'
LIST = _ROOT % 'list'
SHOW = _ROOT % 'show'
UPDATE = _ROOT % 'update'
REBOOT = _ROOT % 'reboot'
SHUTDOWN = _ROOT % 'shutdown'
START = _ROOT % 'start'
_PATH = '/os-hosts/{host_name}'

rules = [
    base.operation(LIST, base.ADMIN, 'List the hosts and their services.',
                   ('GET', '/os-hosts')),
    base.operation(SHOW, base.ADMIN, "Show a compute host's resources.",
                   ('GET', _PATH)),
    base.operation(UPDATE, base.ADMIN,
                   'Enable or disable a compute host, or set its '
                   'maintenance mode.', ('PUT', _PATH)),
    base.operation(REBOOT, base.ADMIN, 'Reboot a compute host.',
                   ('GET', _PATH + '/reboot')),
    base.operation(SHUTDOWN, base.ADMIN, 'Shut a compute host down.',
                   ('GET', _PATH + '/shutdown')),
    base.operation(START, base.ADMIN, 'Start a compute host.',
                   ('GET', _PATH + '/startup')),
]


def list_rules():
    return rules
