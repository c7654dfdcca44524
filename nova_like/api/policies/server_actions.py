# SPDX-License-Identifier: Apache-2.0
"""Rules of POST /servers/{id}/action, named as Nova's.

Power, pause, suspend, lock and console output.
"""

from nova_like.api.policies import base

_ACTION = ('POST', '/servers/{server_id}/action')
REBOOT = 'os_compute_api:servers:reboot'
STOP = 'os_compute_api:servers:stop'
START = 'os_compute_api:servers:start'
PAUSE = 'os_compute_api:os-pause-server:pause'
UNPAUSE = 'os_compute_api:os-pause-server:unpause'
SUSPEND = 'os_compute_api:os-suspend-server:suspend'
RESUME = 'os_compute_api:os-suspend-server:resume'
LOCK = 'os_compute_api:os-lock-server:lock'
UNLOCK = 'os_compute_api:os-lock-server:unlock'
UNLOCK_OVERRIDE = UNLOCK + ':unlock_override'
CONSOLE_OUTPUT = 'os_compute_api:os-console-output'

rules = [
    base.operation(REBOOT, base.PROJECT_MEMBER_OR_ADMIN,
                   'Reboot a server (reboot).', _ACTION),
    base.operation(STOP, base.PROJECT_MEMBER_OR_ADMIN,
                   'Stop a server (os-stop).', _ACTION),
    base.operation(START, base.PROJECT_MEMBER_OR_ADMIN,
                   'Start a stopped server (os-start).', _ACTION),
    base.operation(PAUSE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Pause a server (pause).', _ACTION),
    base.operation(UNPAUSE, base.PROJECT_MEMBER_OR_ADMIN,
                   'Unpause a paused server (unpause).', _ACTION),
    base.operation(SUSPEND, base.PROJECT_MEMBER_OR_ADMIN,
                   'Suspend a server (suspend).', _ACTION),
    base.operation(RESUME, base.PROJECT_MEMBER_OR_ADMIN,
                   'Resume a suspended server (resume).', _ACTION),
    base.operation(LOCK, base.PROJECT_MEMBER_OR_ADMIN,
                   'Lock a server (lock).', _ACTION),
    base.operation(UNLOCK, base.PROJECT_MEMBER_OR_ADMIN,
                   'Unlock a server (unlock).', _ACTION),
    base.operation(UNLOCK_OVERRIDE, base.ADMIN,
                   'Unlock a server that someone else (an admin, or the '
                   'owner) locked.', _ACTION),
    base.operation(CONSOLE_OUTPUT, base.PROJECT_MEMBER_OR_ADMIN,
                   "Show a server's console output (os-getConsoleOutput).",
                   _ACTION),
]


def list_rules():
    return rules
