# SPDX-License-Identifier: Apache-2.0
"""Rule of os-server-external-events (Nova's name)."""

from nova_like.api.policies import base

CREATE = 'os_compute_api:os-server-external-events:create'

rules = [
    base.operation(CREATE, 'role:service or ' + base.ADMIN,
                   'Tell Compute of events on servers (network-vif-plugged, '
                   '...): the services (role service) and admins.',
                   ('POST', '/os-server-external-events')),
]


def list_rules():
    return rules
