# SPDX-License-Identifier: Apache-2.0
"""VXLAN peers pushed to a network's hosts when its set of hosts changes.

A port bound to a host that had none on its network, or the last port of
a host on it unbound, changes every other host's flooding list: each is
sent refresh_network with its own view (the network dict with the other
hosts' local_ips as peers). Pushes go in the background, once per burst,
and only when the hosts differ from those last told by this process.
"""

import logging

from nova_like import context as nl_context
from nova_like.network import allocation
from nova_like.network import coalescer
from nova_like.network.db import models
from nova_like.network import info

LOG = logging.getLogger(__name__)


class Peers:
    """Tells a network's hosts their peers; never raises."""

    def __init__(self, db, conf, compute_factory):
        self.db = db
        self.conf = conf
        self._compute_factory = compute_factory
        self.background = coalescer.Coalescer('peers', interval=0.5)
        self._told = {}     # {network id: {host: local_ip} last told}

    def network_changed(self, context, network_id):
        """Ports of network_id were bound, moved or unbound.

        :param context: of the request, or None (an admin context).
        """
        context = context or nl_context.get_admin_context()
        if network_id:
            self.background.submit(
                network_id, lambda: self._push(context, network_id))

    def _push(self, context, network_id):
        with self.db.reader() as session:
            net_row = session.get(models.Network, network_id)
            hosts = allocation.hosts_on(session, network_id) \
                if net_row is not None else {}
            if not hosts:           # gone, or no host left to tell
                self._told.pop(network_id, None)
                return
            if self._told.get(network_id) == hosts:
                return
            network_ip = self.conf.network.local_ip
            views = {host: info.network_dict(
                session, net_row, (),
                info.peers(session, net_row, local_ip, network_ip))
                for host, local_ip in hosts.items()}
        self._told[network_id] = hosts
        compute = self._compute_factory()
        for host, view in sorted(views.items()):
            try:
                compute.refresh_network(context, host, view)
            except Exception as exc:  # best effort: the host resyncs
                LOG.warning('refresh_network of %s to %s failed: %s',
                            network_id, host, exc)
