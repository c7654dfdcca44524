# SPDX-License-Identifier: Apache-2.0
"""Rules of the admin server actions (Nova's os-admin-actions names)."""

from nova_like.api.policies import base

_ACTION = ('POST', '/servers/{server_id}/action')
RESET_STATE = 'os_compute_api:os-admin-actions:reset_state'
INJECT_NETWORK_INFO = 'os_compute_api:os-admin-actions:inject_network_info'

rules = [
    base.operation(RESET_STATE, base.ADMIN,
                   "Reset a server's vm_state to active or error and clear "
                   'its task_state (os-resetState).', _ACTION),
    base.operation(INJECT_NETWORK_INFO, base.ADMIN,
                   'Inject network information into a server '
                   '(injectNetworkInfo).', _ACTION),
]


def list_rules():
    return rules
