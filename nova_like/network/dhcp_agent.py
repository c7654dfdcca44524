# SPDX-License-Identifier: Apache-2.0
"""The one seam between the network service and its DHCP driver.

After a subnet or port changes, and for every DHCP-enabled network at
start, the service hands the network's DHCP view (info.dhcp_network) to
nova_like.network.linux.dhcp.DhcpDriver: sync(network) when it has DHCP,
disable(network_id) when it has not (any more). Changes are synced in the
background, once per burst (network/coalescer.py), never holding up the
request that made them; a driver that fails is logged, never the request's
failure: the next change or restart syncs again. Tests pass a recording
driver instead.
"""

import logging
import threading

from nova_like.network import coalescer
from nova_like.network import info
from nova_like.network.linux import dhcp

LOG = logging.getLogger(__name__)


class DhcpAgent:
    """Keeps the DHCP driver in step with the database."""

    def __init__(self, conf, db, driver=None):
        self.conf = conf
        self.db = db
        self._driver = driver
        self._lock = threading.Lock()
        # dnsmasq reloads its hosts at most twice a second: a guest asks
        # for its lease seconds after its port was made.
        self.background = coalescer.Coalescer('dhcp', delay=0.1,
                                              interval=0.5)

    @property
    def driver(self):
        if self._driver is None:
            self._driver = dhcp.DhcpDriver(self.conf)
        return self._driver

    def network_changed(self, network_id):
        """Sync (or disable) DHCP of one network soon, in the background."""
        self.background.submit(network_id,
                               lambda: self.sync_now(network_id))

    def sync_now(self, network_id):
        """Sync (or disable) DHCP of one network; never raises."""
        try:
            with self.db.reader() as session:
                view = info.dhcp_network(session, network_id,
                                         self.conf.network.local_ip)
            with self._lock:
                if view is not None:
                    self.driver.sync(view)
                elif self._serves(network_id):
                    self.driver.disable(network_id)
        except Exception:  # DHCP trouble must not fail the API call
            LOG.exception('DHCP of network %s could not be synced; the '
                          'next change or restart tries again', network_id)

    def _serves(self, network_id):
        """Whether the driver may serve network_id: always, unless it can
        list what it serves (active_networks()) and that lacks it."""
        active = getattr(self.driver, 'active_networks', None)
        return active is None or network_id in active()

    def resync(self):
        """Sync every network that has DHCP (at daemon start), and
        disable those the driver still serves that have none any more
        (a driver with active_networks() says which it serves)."""
        with self.db.reader() as session:
            network_ids = info.dhcp_network_ids(session)
        for network_id in network_ids:
            self.sync_now(network_id)
        active = getattr(self.driver, 'active_networks', None)
        if active is not None:
            for network_id in sorted(set(active()) - set(network_ids)):
                self.sync_now(network_id)
        return network_ids
