# SPDX-License-Identifier: Apache-2.0
"""The compute facade's network part: ports and security groups of servers.

A mixin of compute.api.API. Boot requests are checked with the network
service before anything is written; interfaces are attached and detached
by the server's compute host (compute rpcapi 1.3), which asks the network
service for the port and hot-plugs it; security groups are changed on the
server's ports by the network service alone.
"""

from nova_like.compute.api import guards
from nova_like.compute import vm_states
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like.network import model
from nova_like.network import rpcapi as network_rpcapi
from nova_like.objects import instance_action

# Where Nova lets a port be attached or detached (task_state None).
INTERFACE_VM_STATES = (vm_states.ACTIVE, vm_states.PAUSED,
                       vm_states.STOPPED)
NO_ALLOCATION = 'none'
AUTO_ALLOCATION = 'auto'
CONF = conf.CONF
DEFAULT_SECURITY_GROUP = 'default'


def is_no_allocation(requested_networks):
    """True for networks 'none' (2.37): the servers get no port."""
    return (requested_networks is not None and len(requested_networks) == 1
            and requested_networks[0]['network_id'] == NO_ALLOCATION)


class NetworkingMixin:
    """Network operations of the compute facade (needs self._network_api
    and self.compute_rpcapi)."""

    @property
    def network_api(self):
        if self._network_api is None:
            self._network_api = network_rpcapi.NetworkAPI()
        return self._network_api

    # Boot

    def check_requested_networks(self, context, requested_networks,
                                 security_groups, min_count, max_count):
        """How many of max_count servers the network service lets boot.

        :returns: max_count, or fewer when the project's port quota lets
            fewer boot (as Nova, which then boots fewer).
        :raises: NetworkNotFound, PortNotFound, PortInUse,
            NetworkAmbiguous, IpAddressAlreadyAllocated,
            SecurityGroupNotFound, Invalid; Forbidden when the port quota
            does not let min_count servers boot; MessagingTimeout when the
            network service does not answer.
        """
        # As Nova, the groups named must exist whatever the networks are;
        # 'default' always does (made on first use), as Nova skips it.
        named = [name for name in security_groups or ()
                 if name != DEFAULT_SECURITY_GROUP]
        if named and not CONF.network.enabled:
            # No network service: no group but the default exists.
            raise exception.SecurityGroupNotFound(id=named[0])
        if named:
            self.network_api.validate_security_groups(context, named)
        if is_no_allocation(requested_networks):
            return max_count
        if not CONF.network.enabled:
            named = [r for r in requested_networks or ()
                     if r.get('port_id') or r.get('network_id') not in (
                         None, AUTO_ALLOCATION)]
            if named:
                raise exception.Invalid(
                    'No network service is deployed ([network] enabled is '
                    'False): servers boot without networks, so none can be '
                    'asked for.')
            return max_count
        count = self.network_api.validate_networks(
            context, requested_networks, max_count)
        if count < min_count:
            raise exception.Forbidden('Maximum number of ports exceeded')
        return min(count, max_count)

    # Interfaces

    def interfaces(self, context, instance):
        """The server's VIFs as the network service has them now.

        A server that has no host yet has none.
        """
        if not instance.obj_attr_is_set('id') or not instance.host:
            return []
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            return model.in_order_of(
                instance.network_info,
                self.network_api.get_instance_nw_info(cctx, instance.uuid))

    def _interface_call(self, context, instance, name, call):
        guards.check_lock(context, instance)
        guards.check_state(instance, name, INTERFACE_VM_STATES, (None,))
        if not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid,
                                             reason='it has no host')
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            instance_action.InstanceAction.action_start(
                cctx, instance.uuid, name)
            try:
                result = call(cctx)
            except Exception:
                instance_action.InstanceAction.action_finish(
                    cctx, instance.uuid, message='Error')
                raise
            instance_action.InstanceAction.action_finish(cctx,
                                                         instance.uuid)
        return result

    def attach_interface(self, context, instance, network_id=None,
                         port_id=None, fixed_ip=None, tag=None):
        """One more port for the server, from its compute host.

        :returns: the new VIF (network/model.py).
        :raises: InstanceIsLocked, InstanceInvalidState, the network
            service's NotFound and Conflict errors, InterfaceAttachFailed.
        """
        return self._interface_call(
            context, instance, 'attach_interface',
            lambda cctx: self.compute_rpcapi.attach_interface(
                cctx, instance, network_id=network_id, port_id=port_id,
                fixed_ip=fixed_ip, tag=tag))

    def detach_interface(self, context, instance, port_id):
        """Take port_id off the server, through its compute host.

        :raises: PortNotFound when the server has no such port,
            InstanceIsLocked, InstanceInvalidState, InterfaceDetachFailed.
        """
        ports = {vif['id'] for vif in instance.network_info or []}
        if port_id not in ports:
            raise exception.PortNotFound(
                'Port %s is not attached' % port_id)
        return self._interface_call(
            context, instance, 'detach_interface',
            lambda cctx: self.compute_rpcapi.detach_interface(
                cctx, instance, port_id))

    # Security groups

    def security_groups_of(self, context, instance):
        """The Networking security groups on the server's ports."""
        if not instance.obj_attr_is_set('id'):
            return []
        return self.network_api.get_instance_security_groups(
            context, instance.uuid)

    def add_security_group(self, context, instance, name):
        """:raises: SecurityGroupNotFound, PortNotFound (no port)."""
        if not instance.obj_attr_is_set('id'):
            raise exception.PortNotFound(
                'instance_id %s could not be found as device id on any '
                'ports' % instance.uuid)
        self.network_api.add_security_group(context, instance.uuid, name)
        self._refresh_network_info(context, instance)

    def remove_security_group(self, context, instance, name):
        """:raises: SecurityGroupNotFound (also: not on the server)."""
        if not instance.obj_attr_is_set('id'):
            raise exception.SecurityGroupNotFound(
                'Security group %s not associated with the instance %s'
                % (name, instance.uuid))
        self.network_api.remove_security_group(context, instance.uuid,
                                               name)
        self._refresh_network_info(context, instance)

    def _refresh_network_info(self, context, instance):
        """The server's network_info anew from the network service (its
        ports' groups changed), so that its views show them."""
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            instance.network_info = model.in_order_of(
                instance.network_info,
                self.network_api.get_instance_nw_info(cctx, instance.uuid))
            instance.save()

    # Networks (the os-networks proxy)

    def get_networks(self, context):
        return self.network_api.get_networks(context)

    def get_network(self, context, network_id):
        """:raises: NetworkNotFound."""
        return self.network_api.get_network(context, network_id)

    # Security groups themselves (the os-security-groups proxies, 2.1 to
    # 2.35): network RPC 1.3

    def list_security_groups(self, context, all_projects=False):
        return self.network_api.list_security_groups(context, all_projects)

    def get_security_group(self, context, group_id):
        """:raises: SecurityGroupNotFound."""
        return self.network_api.get_security_group(context, group_id)

    def create_security_group(self, context, name, description):
        """:raises: Invalid, Forbidden (over quota)."""
        return self.network_api.create_security_group(context, name,
                                                      description)

    def update_security_group(self, context, group_id, name, description):
        """:raises: SecurityGroupNotFound, Invalid."""
        return self.network_api.update_security_group(
            context, group_id, name, description)

    def delete_security_group(self, context, group_id):
        """:raises: SecurityGroupNotFound, Conflict (in use, default)."""
        self.network_api.delete_security_group(context, group_id)

    def create_security_group_rule(self, context, rule):
        """:param rule: a Networking rule body.

        :raises: SecurityGroupNotFound, Invalid, Conflict (exists),
            Forbidden (over quota).
        """
        return self.network_api.create_security_group_rule(context, rule)

    def delete_security_group_rule(self, context, rule_id):
        """:raises: SecurityGroupRuleNotFound."""
        self.network_api.delete_security_group_rule(context, rule_id)
