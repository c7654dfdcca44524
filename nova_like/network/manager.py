# SPDX-License-Identifier: Apache-2.0
"""The RPC endpoint of nova-like-network (topic network).

Servers' ports for the conductor, the compute API and compute hosts; the
flows are in allocation.py. Every answer is network_info (model.py).
"""

import logging

import oslo_messaging as messaging

from nova_like.compute import rpcapi as compute_rpcapi
from nova_like import conf as nl_conf
from nova_like import exception
from nova_like.network import allocation
from nova_like.network import compute_groups
from nova_like.network import context as network_context
from nova_like.network.db import api as db_api
from nova_like.network.db import models
from nova_like.network import dhcp_agent
from nova_like.network import host_rules
from nova_like.network import info
from nova_like.network import peers
from nova_like.network import server_groups
from nova_like import versions

LOG = logging.getLogger(__name__)


class NetworkManager:
    """Ports of servers, bound to hosts, with their addresses."""

    target = messaging.Target(version=versions.rpc_version('network'))

    def __init__(self, conf=None, db=None, dhcp=None, compute=None):
        self.conf = conf or nl_conf.CONF
        self.db = db or db_api.Database(
            self.conf.network_database.connection,
            self.conf.network_database)
        self.dhcp = dhcp or dhcp_agent.DhcpAgent(self.conf, self.db)
        self._compute = compute
        self.host_rules = host_rules.HostRules(self.db, self.conf,
                                               lambda: self.compute)
        self.peers = peers.Peers(self.db, self.conf, lambda: self.compute)

    @property
    def compute(self):
        if self._compute is None:
            self._compute = compute_rpcapi.ComputeAPI()
        return self._compute

    def _instance_groups(self, instance_uuid, pushed=False):
        """(ids of the instance's ports, ids of their groups); with
        pushed, also the remote groups their rules name."""
        with self.db.reader() as session:
            ports = [r.id for r in allocation.instance_ports(session,
                                                             instance_uuid)]
            groups = host_rules.groups_to_push if pushed else \
                host_rules.groups_of_ports
            return ports, groups(session, ports)

    def init_host(self, context):
        """Bring DHCP of every network that has it up to date."""
        synced = self.dhcp.resync()
        LOG.info('DHCP synced for %d networks', len(synced))

    def _ctx(self, context, project_id=None):
        return network_context.RequestContext(
            db=self.db, conf=self.conf,
            project_id=project_id or context.project_id,
            is_admin=False, roles=[])

    def _callers_ctx(self, context):
        """The caller's project, an admin if the caller is one."""
        admin = bool(context.is_admin or 'admin' in (context.roles or []))
        return network_context.RequestContext(
            db=self.db, conf=self.conf, project_id=context.project_id,
            is_admin=admin, roles=['admin'] if admin else [])

    def _network_host_ip(self):
        return self.conf.network.local_ip

    def validate_networks(self, context, requested_networks, num_instances):
        """See NetworkAPI.validate_networks."""
        ctx = self._ctx(context)
        with self.db.reader() as session:
            return allocation.validate(session, ctx, requested_networks,
                                       num_instances)

    @db_api.retry_on_lost_transaction
    def allocate_for_instance(self, context, instance_uuid, project_id,
                              host, local_ip, requested_networks,
                              security_groups=None, hostname=None):
        """See NetworkAPI.allocate_for_instance."""
        ctx = self._ctx(context, project_id)
        # One transaction makes the ports and reads back what the host
        # and the pushes need: a boot's ports cost one round of the DB.
        with self.db.writer() as session:
            allocation.record_host(session, host, local_ip)
            rows = allocation.instance_ports(session, instance_uuid)
            if rows:
                touched = self._rebind(session, rows, host)
            else:
                touched, rows = self._bind_new(
                    session, ctx, instance_uuid, host, requested_networks,
                    security_groups)
            session.flush()
            network_info = [info.vif(session, row, local_ip,
                                     self._network_host_ip())
                            for row in rows]
            pushed = host_rules.groups_to_push(session,
                                               [row.id for row in rows])
        self._after(context, touched)
        self.host_rules.members_changed(context, pushed)
        return network_info

    def _bind_new(self, session, ctx, instance_uuid, host,
                  requested_networks, security_groups):
        """A first build: (the networks touched, the new ports' rows in
        the order asked)."""
        touched, rows = set(), []
        wanted = allocation.requests(session, ctx, requested_networks,
                                     create=True)
        if wanted:
            groups = allocation.resolve_groups(session, ctx,
                                               security_groups)
        for entry in wanted:
            rows.append(allocation.bind(session, ctx, instance_uuid, host,
                                        entry, groups))
            touched.add(rows[-1].network_id)
        return touched, rows

    def _rebind(self, session, rows, host):
        """A retried build: the instance's ports move to host if need be."""
        touched = set()
        for row in rows:
            if row.host_id != host:
                touched.add(row.network_id)
                row.host_id = host
                row.status = 'ACTIVE'
        return touched

    def _after(self, context, touched):
        """Sync DHCP of the networks touched, and tell the hosts of each
        whose set of hosts changed their new peers (both in the
        background)."""
        for network_id in touched:
            if network_id is None:
                continue
            self.dhcp.network_changed(network_id)
            self.peers.network_changed(context, network_id)

    @db_api.retry_on_lost_transaction
    def deallocate_for_instance(self, context, instance_uuid):
        """See NetworkAPI.deallocate_for_instance."""
        with self.db.writer() as session:
            rows = allocation.instance_ports(session, instance_uuid)
            touched = {row.network_id for row in rows}
            groups = host_rules.groups_of_ports(session,
                                                [row.id for row in rows])
            allocation.release(session, rows)
        self._after(context, touched)
        self.host_rules.members_changed(context, groups)

    def get_instance_nw_info(self, context, instance_uuid):
        """See NetworkAPI.get_instance_nw_info."""
        with self.db.reader() as session:
            rows = allocation.instance_ports(session, instance_uuid)
            return [self._vif(session, row) for row in rows]

    def _vif(self, session, row):
        host = session.get(models.Host, row.host_id) if row.host_id \
            else None
        return info.vif(session, row, host.local_ip if host else None,
                        self._network_host_ip())

    @db_api.retry_on_lost_transaction
    def attach_interface(self, context, instance_uuid, project_id, host,
                         local_ip, network_id=None, port_id=None,
                         fixed_ip=None, tag=None):
        """See NetworkAPI.attach_interface."""
        ctx = self._ctx(context, project_id)
        with self.db.writer() as session:
            allocation.record_host(session, host, local_ip)
            if port_id is None and network_id is None:
                wanted = allocation.requests(session, ctx, None)
                if not wanted:
                    raise exception.NetworkNotFound(net_id='(none given)')
                network_id = wanted[0]['network_id']
            entry = {'network_id': network_id, 'port_id': port_id,
                     'fixed_ip': fixed_ip, 'tag': tag}
            groups = [] if port_id else allocation.resolve_groups(
                session, ctx, None)
            row = allocation.bind(session, ctx, instance_uuid, host, entry,
                                  groups)
            session.flush()
            vif = info.vif(session, row, local_ip, self._network_host_ip())
            groups = host_rules.groups_to_push(session, [row.id])
            network_id = row.network_id
        self._after(context, {network_id})
        self.host_rules.members_changed(context, groups)
        return vif

    @db_api.retry_on_lost_transaction
    def detach_interface(self, context, instance_uuid, port_id):
        """See NetworkAPI.detach_interface."""
        with self.db.writer() as session:
            row = session.get(models.Port, port_id)
            if row is None or row.device_id != instance_uuid:
                raise exception.PortNotFound(port_id=port_id)
            network_id = row.network_id
            groups = host_rules.groups_of_ports(session, [port_id])
            allocation.release(session, [row])
        self._after(context, {network_id})
        self.host_rules.members_changed(context, groups)

    # 1.1

    def validate_security_groups(self, context, security_groups):
        """Ids of the caller's project's groups named (names or ids).

        :raises: SecurityGroupNotFound, Conflict (an ambiguous name).
        """
        ctx = self._ctx(context)
        with self.db.writer() as session:
            return allocation.resolve_groups(session, ctx, security_groups)

    def get_instance_security_groups(self, context, instance_uuid):
        """Networking views of the groups on the instance's ports."""
        with self.db.reader() as session:
            return server_groups.groups_of_instance(session, instance_uuid)

    @db_api.retry_on_lost_transaction
    def add_security_group(self, context, instance_uuid, security_group):
        """Add a group to every port of the instance.

        :raises: SecurityGroupNotFound, PortNotFound, Conflict.
        """
        ctx = self._ctx(context)
        _ports, before = self._instance_groups(instance_uuid)
        with self.db.writer() as session:
            server_groups.add(session, ctx, instance_uuid, security_group)
        self._groups_changed(context, instance_uuid, before)

    @db_api.retry_on_lost_transaction
    def remove_security_group(self, context, instance_uuid,
                              security_group):
        """Take a group off every port of the instance.

        :raises: SecurityGroupNotFound (no such group on any port).
        """
        ctx = self._ctx(context)
        _ports, before = self._instance_groups(instance_uuid)
        with self.db.writer() as session:
            server_groups.remove(session, ctx, instance_uuid,
                                 security_group)
        self._groups_changed(context, instance_uuid, before)

    def _groups_changed(self, context, instance_uuid, before):
        """The instance's ports changed groups: their rules, and the
        members of the groups they left and joined."""
        ports, after = self._instance_groups(instance_uuid, pushed=True)
        self.host_rules.rules_changed(context, port_ids=ports)
        self.host_rules.members_changed(context, before | after)

    def get_networks(self, context):
        """The networks the caller's project may use."""
        return server_groups.networks(self._callers_ctx(context))

    def get_network(self, context, network_id):
        """One network the caller's project may use.

        :raises: NetworkNotFound.
        """
        return server_groups.network(self._callers_ctx(context), network_id)

    def get_bound_instances(self, context):
        """See NetworkAPI.get_bound_instances."""
        with self.db.reader() as session:
            return allocation.bound_instances(session)

    # 1.2

    def resync_host(self, context, host):
        """See NetworkAPI.resync_host."""
        self.peers.tell_host(context, host)
        self.host_rules.tell_host(context, host)

    # 1.3

    def list_security_groups(self, context, all_projects=False):
        """See NetworkAPI.list_security_groups."""
        return compute_groups.list_groups(self._callers_ctx(context),
                                          all_projects)

    def get_security_group(self, context, group_id):
        """See NetworkAPI.get_security_group."""
        return compute_groups.get_group(self._callers_ctx(context),
                                        group_id)

    def create_security_group(self, context, name, description):
        """See NetworkAPI.create_security_group."""
        return compute_groups.create_group(self._callers_ctx(context), name,
                                           description)

    def update_security_group(self, context, group_id, name, description):
        """See NetworkAPI.update_security_group."""
        return compute_groups.update_group(self._callers_ctx(context),
                                           group_id, name, description)

    def delete_security_group(self, context, group_id):
        """See NetworkAPI.delete_security_group."""
        peers = compute_groups.delete_group(self._callers_ctx(context),
                                            group_id)
        if peers:
            self.host_rules.rules_changed(context, group_ids=sorted(peers))

    def create_security_group_rule(self, context, rule):
        """See NetworkAPI.create_security_group_rule."""
        created = compute_groups.create_rule(self._callers_ctx(context),
                                             rule)
        self.host_rules.rules_changed(
            context, group_ids=[created['security_group_id']])
        return created

    def delete_security_group_rule(self, context, rule_id):
        """See NetworkAPI.delete_security_group_rule."""
        group_id = compute_groups.delete_rule(self._callers_ctx(context),
                                              rule_id)
        self.host_rules.rules_changed(context, group_ids=[group_id])
