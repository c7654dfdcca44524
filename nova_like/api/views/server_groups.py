# SPDX-License-Identifier: Apache-2.0
"""The os-server-groups body of one group.

Policies before 2.64, policy and rules from it.
"""

from nova_like.api import microversion


def show(request, group):
    at = microversion.at_least
    body = {'id': group.uuid, 'name': group.name,
            'members': list(group.members)}
    if at(request, '2.64'):
        body['policy'] = group.policy
        body['rules'] = {k: int(v) for k, v in (group.rules or {}).items()}
    else:
        body['policies'] = [group.policy]
        body['metadata'] = {}
    if at(request, '2.13'):
        body['project_id'] = group.project_id
        body['user_id'] = group.user_id
    return body
