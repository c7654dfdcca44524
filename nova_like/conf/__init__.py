# SPDX-License-Identifier: Apache-2.0
"""Every option of nova_like, registered on the global oslo.config CONF."""

from oslo_config import cfg

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

CONF = cfg.CONF

for _module in (default, api, clients, compute, conductor, database, libvirt,
                messaging, network, placement, quota, scheduler,
                upgrade_levels, volume):
    _module.register_opts(CONF)
