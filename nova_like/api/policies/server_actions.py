# SPDX-License-Identifier: Apache-2.0
"""Rules of POST /servers/{id}/action: power, pause, suspend, lock and console output, named as Nova's."""

from nova_like.api.policies import base

_ACTION = ('POST', '/servers/{server_id}/action')
SERVERS = 'os_compute_api:servers:%s'
PAUSE = 'os_compute_api:os-pause-server:%s'
SUSPEND = 'os_compute_api:os-suspend-server:%s'
LOCK = 'os_compute_api:os-lock-server:%s'
CONSOLE_OUTPUT = 'os_compute_api:os-console-output'

rules = [
    base.operation(SERVERS % 'reboot', base.PROJECT_MEMBER_OR_ADMIN,
                   'Reboot a server (reboot).', _ACTION),
    base.operation(SERVERS % 'stop', base.PROJECT_MEMBER_OR_ADMIN,
                   'Stop a server (os-stop).', _ACTION),
    base.operation(SERVERS % 'start', base.PROJECT_MEMBER_OR_ADMIN,
                   'Start a stopped server (os-start).', _ACTION),
    base.operation(PAUSE % 'pause', base.PROJECT_MEMBER_OR_ADMIN,
                   'Pause a server (pause).', _ACTION),
    base.operation(PAUSE % 'unpause', base.PROJECT_MEMBER_OR_ADMIN,
                   'Unpause a paused server (unpause).', _ACTION),
    base.operation(SUSPEND % 'suspend', base.PROJECT_MEMBER_OR_ADMIN,
                   'Suspend a server (suspend).', _ACTION),
    base.operation(SUSPEND % 'resume', base.PROJECT_MEMBER_OR_ADMIN,
                   'Resume a suspended server (resume).', _ACTION),
    base.operation(LOCK % 'lock', base.PROJECT_MEMBER_OR_ADMIN,
                   'Lock a server (lock).', _ACTION),
    base.operation(LOCK % 'unlock', base.PROJECT_MEMBER_OR_ADMIN,
                   'Unlock a server (unlock).', _ACTION),
    base.operation(LOCK % 'unlock:unlock_override', base.ADMIN,
                   'Unlock a server that someone else (an admin, or the '
                   'owner) locked.', _ACTION),
    base.operation(CONSOLE_OUTPUT, base.PROJECT_MEMBER_OR_ADMIN,
                   "Show a server's console output (os-getConsoleOutput).",
                   _ACTION),
]


def list_rules():
    return rules
