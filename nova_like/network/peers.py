# SPDX-License-Identifier: Apache-2.0
"""VXLAN peers pushed to a network's hosts when its set of hosts changes.

A port bound to a host that had none on its network, or the last port of
a host on it unbound, changes every other host's flooding list: each is
sent refresh_network with its own view (the network dict with the other
hosts' local_ips as peers). Pushes go in the background, once per burst,
and only when the hosts differ from those last told by this process. A
host that started is sent the views of all its networks (tell_host).
"""

import logging

import sqlalchemy as sa

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

    def tell_host(self, context, host):
        """Send host the peers of every network it has ports on."""
        ports = models.Port
        with self.db.reader() as session:
            row = session.get(models.Host, host)
            network_ids = [] if row is None else session.execute(
                sa.select(ports.network_id).distinct().where(
                    ports.host_id == host,
                    ports.device_owner != info.DHCP_OWNER).order_by(
                    ports.network_id)).scalars().all()
            sends = [(host, self._view(session, network_id, row.local_ip))
                     for network_id in network_ids]
        self._send(context, sends)

    def _view(self, session, network_id, local_ip):
        net_row = session.get(models.Network, network_id)
        if net_row is None:
            return None
        return info.network_dict(session, net_row, (), info.peers(
            session, net_row, local_ip, self.conf.network.local_ip))

    def _push(self, context, network_id):
        with self.db.reader() as session:
            hosts = allocation.hosts_on(session, network_id)
            if not hosts:           # gone, or no host left to tell
                self._told.pop(network_id, None)
                return
            if self._told.get(network_id) == hosts:
                return
            sends = [(host, self._view(session, network_id, local_ip))
                     for host, local_ip in sorted(hosts.items())]
        self._told[network_id] = hosts
        self._send(context, sends)

    def _send(self, context, sends):
        compute = self._compute_factory()
        for host, view in sends:
            if view is None:
                continue
            try:
                compute.refresh_network(context, host, view)
            except Exception as exc:  # best effort: the host resyncs
                LOG.warning('refresh_network of %s to %s failed: %s',
                            view['id'], host, exc)
