# SPDX-License-Identifier: Apache-2.0
"""The network RPC calls the compute API needs beyond network rpcapi 1.0.

PendingNetworkAPI is network/rpcapi.py's NetworkAPI plus the security
group calls of the Compute API (boot, addSecurityGroup,
removeSecurityGroup, GET /servers/{id}/os-security-groups) and the two
network reads of the os-networks proxy (2.1 to 2.35). They are meant for
network rpcapi 1.1; once NetworkAPI has them this class is NetworkAPI
itself.
"""

from nova_like import exception
from nova_like.network import rpcapi as network_rpcapi

PENDING_VERSION = '1.1'


class PendingNetworkAPI(network_rpcapi.NetworkAPI):
    """NetworkAPI 1.0 and the 1.1 security group calls."""

    def _prepare_1_1(self, what):
        if not self.client.can_send_version(PENDING_VERSION):
            raise exception.RPCPinnedToOldVersion(what=what,
                                                  version=PENDING_VERSION)
        return self.client.prepare(version=PENDING_VERSION)

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
