# SPDX-License-Identifier: Apache-2.0
"""Security group changes pushed to the compute hosts that enforce them.

A host's nft rules for a port are made from the port's VIF when the port
is plugged (network/linux/firewall.py). Two kinds of change reach the
hosts later, each as a cast to the hosts concerned (best effort, logged:
a host that missed one is right again at its next plug of the port):

- the rules of a group changed (a rule added or removed, a port put in
  or taken out of a group): refresh_port_rules with the new VIFs of the
  bound ports of those groups, to their hosts;
- the members of a group changed (a port with an address joined or left
  it): refresh_security_group_members with the group's addresses, to the
  hosts of bound ports whose groups have a rule naming it as the remote
  group. The host refills one nft set: no port's rules are remade. These
  go in the background, once per burst (network/coalescer.py): twenty
  servers booted at once in one group make one push per host.
"""

import ipaddress
import logging

import sqlalchemy as sa

from nova_like import context as nl_context
from nova_like.network import coalescer
from nova_like.network.db import models
from nova_like.network import info

LOG = logging.getLogger(__name__)
COMPUTE_OWNERS = 'compute:%'


def groups_of_ports(session, port_ids):
    """The ids of the groups the ports are in."""
    if not port_ids:
        return set()
    table = models.PortSecurityGroup
    return set(session.execute(sa.select(table.security_group_id).where(
        table.port_id.in_(list(port_ids)))).scalars())


def groups_to_push(session, port_ids):
    """The groups of the ports, and the remote groups their rules name:
    the member sets a host needs once these ports are plugged there."""
    own = groups_of_ports(session, port_ids)
    if not own:
        return own
    rules = models.SecurityGroupRule
    return own | set(session.execute(
        sa.select(rules.remote_group_id).distinct().where(
            rules.security_group_id.in_(list(own)),
            rules.remote_group_id.is_not(None))).scalars())


def _bound_ports(session, where):
    ports, hosts = models.Port, models.Host
    return session.execute(
        sa.select(ports, hosts.local_ip).join(
            hosts, hosts.host == ports.host_id).where(
            ports.device_owner.like(COMPUTE_OWNERS), where)).all()


def port_updates(session, group_ids=(), port_ids=(), network_host_ip=None):
    """{host: [VIFs]} of the bound ports in group_ids or in port_ids."""
    ports, bound = models.Port, models.PortSecurityGroup
    clauses = []
    if group_ids:
        clauses.append(ports.id.in_(sa.select(bound.port_id).where(
            bound.security_group_id.in_(list(group_ids)))))
    if port_ids:
        clauses.append(ports.id.in_(list(port_ids)))
    if not clauses:
        return {}
    updates = {}
    for row, local_ip in _bound_ports(session, sa.or_(*clauses)):
        updates.setdefault(row.host_id, []).append(
            info.vif(session, row, local_ip, network_host_ip))
    return updates


def _ipv4(addresses):
    return sorted(a for a in addresses
                  if ipaddress.ip_address(a).version == 4)


def member_updates(session, group_ids):
    """[(host, group id, [IPv4 addresses])] for the hosts that enforce a
    rule naming one of group_ids as its remote group."""
    if not group_ids:
        return []
    rules, bound = models.SecurityGroupRule, models.PortSecurityGroup
    ports = models.Port
    found = info.members(session, list(group_ids))
    updates = []
    for group_id in sorted(group_ids):
        referring = sa.select(rules.security_group_id).where(
            rules.remote_group_id == group_id)
        hosts = session.execute(sa.select(ports.host_id).distinct().where(
            ports.device_owner.like(COMPUTE_OWNERS),
            ports.host_id.is_not(None),
            ports.id.in_(sa.select(bound.port_id).where(
                bound.security_group_id.in_(referring))))).scalars()
        addresses = _ipv4(found.get(group_id, []))
        updates += [(host, group_id, addresses) for host in sorted(hosts)]
    return updates


class HostRules:
    """Sends the updates above; never raises."""

    def __init__(self, db, conf, compute_factory):
        self.db = db
        self.conf = conf
        self._compute_factory = compute_factory
        self._compute = None
        # A quarter second gathers a burst of boots into one push, and a
        # boot storm makes one a second (an L2 agent's poll is 2 s).
        self.background = coalescer.Coalescer('members', delay=0.25,
                                              interval=1.0)

    @property
    def compute(self):
        if self._compute is None:
            self._compute = self._compute_factory()
        return self._compute

    def rules_changed(self, context, group_ids=(), port_ids=()):
        """The rules of group_ids (or of the ports port_ids) changed.

        :param context: of the request, or None (an admin context).
        """
        context = context or nl_context.get_admin_context()
        try:
            with self.db.reader() as session:
                updates = port_updates(session, group_ids, port_ids,
                                       self.conf.network.local_ip)
            for host, vifs in updates.items():
                self.compute.refresh_port_rules(context, host, vifs)
        except Exception:  # the hosts are right again at their next plug
            LOG.exception('Could not push the rules of groups %s / ports '
                          '%s to their hosts', sorted(group_ids),
                          sorted(port_ids))

    def members_changed(self, context, group_ids):
        """Ports joined or left group_ids: their hosts are told soon."""
        context = context or nl_context.get_admin_context()
        for group_id in group_ids or ():
            self.background.submit(
                group_id, lambda group_id=group_id: self._push_members(
                    context, group_id))

    def tell_host(self, context, host):
        """Send host the members of every group its ports' rules name."""
        ports, rules = models.Port, models.SecurityGroupRule
        try:
            with self.db.reader() as session:
                own = groups_of_ports(session, session.execute(
                    sa.select(ports.id).where(
                        ports.host_id == host,
                        ports.device_owner.like(COMPUTE_OWNERS))).scalars()
                    .all())
                remote = sorted(set(session.execute(
                    sa.select(rules.remote_group_id).where(
                        rules.security_group_id.in_(list(own)),
                        rules.remote_group_id.is_not(None))).scalars()))
                found = info.members(session, remote)
            for group_id in remote:
                self.compute.refresh_security_group_members(
                    context, host, group_id, _ipv4(found[group_id]))
        except Exception:  # the host is right again at the next change
            LOG.exception('Could not send %s the members of its groups',
                          host)

    def _push_members(self, context, group_id):
        group_ids = [group_id]
        try:
            with self.db.reader() as session:
                updates = member_updates(session, group_ids)
            for host, group_id, addresses in updates:
                self.compute.refresh_security_group_members(
                    context, host, group_id, addresses)
        except Exception:  # the hosts are right again at their next plug
            LOG.exception('Could not push the members of groups %s to '
                          'their hosts', sorted(group_ids))
