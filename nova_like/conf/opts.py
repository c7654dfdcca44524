# SPDX-License-Identifier: Apache-2.0
"""The option list that oslo-config-generator reads (entry point nova_like)."""

from nova_like.conf import api
from nova_like.conf import clients
from nova_like.conf import compute
from nova_like.conf import conductor
from nova_like.conf import database
from nova_like.conf import default
from nova_like.conf import libvirt
from nova_like.conf import messaging
from nova_like.conf import network
from nova_like.conf import placement
from nova_like.conf import quota
from nova_like.conf import scheduler
from nova_like.conf import upgrade_levels
from nova_like.conf import volume

_MODULES = (default, api, clients, compute, conductor, database, libvirt,
            messaging, network, placement, quota, scheduler,
            upgrade_levels, volume)


def list_opts():
    """Return [(group, [opts])] for every group, sorted by group name."""
    groups = {}
    for module in _MODULES:
        for group, opts in module.list_opts().items():
            groups.setdefault(group, []).extend(opts)
    return sorted(groups.items(), key=lambda item: item[0])
