# SPDX-License-Identifier: Apache-2.0
"""Client side of the network RPC API (topic network).

The conductor, the compute API and compute hosts ask the network service
for ports over this API; nova-like-network's manager is the endpoint.
network_info is the list of VIF dicts described in network/model.py.

API version history:

    1.0 - Initial version: validate_networks, allocate_for_instance,
          deallocate_for_instance, get_instance_nw_info,
          attach_interface, detach_interface.
    1.1 - add validate_security_groups, get_instance_security_groups,
          add_security_group, remove_security_group, get_networks,
          get_network (the Compute API's security group calls and its
          os-networks proxy) and get_bound_instances (the conductor's
          port audit).
    1.2 - add resync_host (a compute host that started is told the peers
          of its networks and the members of the groups its ports'
          rules name).
    1.3 - add list_security_groups, get_security_group,
          create_security_group, update_security_group,
          delete_security_group, create_security_group_rule,
          delete_security_group_rule (the Compute API's
          os-security-groups and os-security-group-rules proxies).
"""

import oslo_messaging as messaging

from nova_like import conf
from nova_like import exception
from nova_like import rpc
from nova_like import versions

CONF = conf.CONF

RPC_TOPIC = 'network'
RPC_API_VERSION = versions.rpc_version('network')


class NetworkAPI:
    """Talks to nova-like-network."""

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        cap = versions.version_cap('network', CONF.upgrade_levels.network)
        self.client = rpc.get_client(target, version_cap=cap)

    def validate_networks(self, context, requested_networks, num_instances):
        """Check what a boot asks for before anything is written (call).

        :param requested_networks: None (nothing asked for: the one
            network the project may use, none if it has none, 409
            NetworkAmbiguous if several), or a list of {'network_id',
            'port_id', 'fixed_ip', 'tag'} (any of them None); a list of
            one entry whose network_id is 'auto' or 'none' means what
            2.37's networks "auto" and "none" mean (RequestSpec's
            requested_networks has the same shape).
        :returns: how many of num_instances the project's port quota
            lets boot.
        :raises: NetworkNotFound, PortNotFound, PortInUse,
            NetworkAmbiguous, NetworkRequiresSubnet,
            IpAddressAlreadyAllocated, Invalid (naming what is wrong).
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'validate_networks',
                          requested_networks=requested_networks,
                          num_instances=num_instances)

    def allocate_for_instance(self, context, instance_uuid, project_id,
                              host, local_ip, requested_networks,
                              security_groups=None, hostname=None):
        """Create or take the instance's ports, bound to host (call).

        Idempotent: ports already bound to instance_uuid are kept, so a
        retried build does not allocate twice.
        :param local_ip: host's [network] local_ip, its VXLAN endpoint.
        :param security_groups: names or ids (None: the project's
            default group, created on first use).
        :returns: network_info.
        :raises: IpAddressGenerationFailure (naming the full subnet),
            NetworkNotFound, PortNotFound, PortInUse, ...
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'allocate_for_instance',
                          instance_uuid=instance_uuid, project_id=project_id,
                          host=host, local_ip=local_ip,
                          requested_networks=requested_networks,
                          security_groups=security_groups,
                          hostname=hostname)

    def deallocate_for_instance(self, context, instance_uuid):
        """Delete the ports made for the instance, unbind the user's own
        ports (preserve_on_delete) and free their addresses (call).
        Deallocating twice is not an error."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'deallocate_for_instance',
                          instance_uuid=instance_uuid)

    def get_instance_nw_info(self, context, instance_uuid):
        """The instance's network_info as the network service has it."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'get_instance_nw_info',
                          instance_uuid=instance_uuid)

    def attach_interface(self, context, instance_uuid, project_id, host,
                         local_ip, network_id=None, port_id=None,
                         fixed_ip=None, tag=None):
        """One more port for the instance, bound to host (call).

        :returns: the new VIF (a network_info entry).
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'attach_interface',
                          instance_uuid=instance_uuid, project_id=project_id,
                          host=host, local_ip=local_ip,
                          network_id=network_id, port_id=port_id,
                          fixed_ip=fixed_ip, tag=tag)

    def detach_interface(self, context, instance_uuid, port_id):
        """Take port_id from the instance: deleted if the service made it,
        unbound if the user did (call)."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'detach_interface',
                          instance_uuid=instance_uuid, port_id=port_id)

    # 1.1

    def _prepare_1_1(self, what):
        if not self.client.can_send_version('1.1'):
            raise exception.RPCPinnedToOldVersion(what=what, version='1.1')
        return self.client.prepare(version='1.1')

    def validate_security_groups(self, context, security_groups):
        """The ids of the caller's project's groups named (call).

        :param security_groups: names or ids; 'default' is the project's
            default group, created on first use.
        :returns: a list of group ids in the order asked.
        :raises: SecurityGroupNotFound naming the first unknown group,
            Conflict when a name matches several groups of the project.
        """
        return self._prepare_1_1('validate_security_groups').call(
            context, 'validate_security_groups',
            security_groups=security_groups)

    def get_instance_security_groups(self, context, instance_uuid):
        """The groups on the instance's ports, each once (call).

        :returns: a list of Networking security group dicts ({'id',
            'name', 'description', 'tenant_id', 'security_group_rules':
            [Networking rule dicts]}).
        """
        return self._prepare_1_1('get_instance_security_groups').call(
            context, 'get_instance_security_groups',
            instance_uuid=instance_uuid)

    def add_security_group(self, context, instance_uuid, security_group):
        """Add a group (name or id) to every port of the instance (call).

        :raises: SecurityGroupNotFound (no such group), PortNotFound (the
            instance has no port), Conflict (the name is ambiguous).
        """
        return self._prepare_1_1('add_security_group').call(
            context, 'add_security_group', instance_uuid=instance_uuid,
            security_group=security_group)

    def remove_security_group(self, context, instance_uuid,
                              security_group):
        """Take a group (name or id) off every port of the instance (call).

        :raises: SecurityGroupNotFound (no such group, or none of the
            instance's ports has it).
        """
        return self._prepare_1_1('remove_security_group').call(
            context, 'remove_security_group', instance_uuid=instance_uuid,
            security_group=security_group)

    def get_networks(self, context):
        """The networks the caller's project may use (call).

        :returns: a list of Networking network dicts (at least 'id' and
            'name'): the project's own and the shared ones (every one for
            an admin).
        """
        return self._prepare_1_1('get_networks').call(context,
                                                      'get_networks')

    def get_network(self, context, network_id):
        """One network the caller's project may use (call).

        :returns: a Networking network dict.
        :raises: NetworkNotFound (unknown, or another project's).
        """
        return self._prepare_1_1('get_network').call(
            context, 'get_network', network_id=network_id)

    def resync_host(self, context, host):
        """host started: the network service tells it, as refresh_network
        and refresh_security_group_members casts, all it may have missed
        (cast)."""
        if not self.client.can_send_version('1.2'):
            raise exception.RPCPinnedToOldVersion(what='resync_host',
                                                  version='1.2')
        self.client.prepare(version='1.2').cast(context, 'resync_host',
                                                host=host)

    def get_bound_instances(self, context):
        """{instance uuid: [port ids]} of every port a server holds
        (device_owner compute:*), for the conductor's port audit (call).
        """
        return self._prepare_1_1('get_bound_instances').call(
            context, 'get_bound_instances')

    # 1.3

    def _prepare_1_3(self, what):
        if not self.client.can_send_version('1.3'):
            raise exception.RPCPinnedToOldVersion(what=what, version='1.3')
        return self.client.prepare(version='1.3')

    def list_security_groups(self, context, all_projects=False):
        """The caller's project's groups, its default made on first use;
        every project's for an admin asking all_projects (call).

        :returns: a list of Networking security group dicts.
        """
        return self._prepare_1_3('list_security_groups').call(
            context, 'list_security_groups', all_projects=all_projects)

    def get_security_group(self, context, group_id):
        """One group (call). :raises: SecurityGroupNotFound."""
        return self._prepare_1_3('get_security_group').call(
            context, 'get_security_group', group_id=group_id)

    def create_security_group(self, context, name, description):
        """A new group of the caller's project (call).

        :returns: the Networking group dict.
        :raises: Invalid (e.g. the name default), Forbidden (over quota).
        """
        return self._prepare_1_3('create_security_group').call(
            context, 'create_security_group', name=name,
            description=description)

    def update_security_group(self, context, group_id, name, description):
        """Rename a group, change its description (call).

        :raises: SecurityGroupNotFound, Invalid (renaming default).
        """
        return self._prepare_1_3('update_security_group').call(
            context, 'update_security_group', group_id=group_id, name=name,
            description=description)

    def delete_security_group(self, context, group_id):
        """Delete a group and the rules of other groups naming it (call).

        :raises: SecurityGroupNotFound, Conflict (in use by a port, or
            the project's default group).
        """
        return self._prepare_1_3('delete_security_group').call(
            context, 'delete_security_group', group_id=group_id)

    def create_security_group_rule(self, context, rule):
        """A new rule; the hosts of the group's ports are told (call).

        :param rule: a Networking rule body (security_group_id,
            direction, ethertype, protocol, port_range_min,
            port_range_max, remote_ip_prefix or remote_group_id).
        :returns: the Networking rule dict.
        :raises: SecurityGroupNotFound, Invalid, Conflict (the same rule
            exists), Forbidden (over quota).
        """
        return self._prepare_1_3('create_security_group_rule').call(
            context, 'create_security_group_rule', rule=rule)

    def delete_security_group_rule(self, context, rule_id):
        """Delete a rule; the hosts of its group's ports are told (call).

        :raises: SecurityGroupRuleNotFound.
        """
        return self._prepare_1_3('delete_security_group_rule').call(
            context, 'delete_security_group_rule', rule_id=rule_id)
