# SPDX-License-Identifier: Apache-2.0
"""Client side of the network RPC API (topic network).

The conductor, the compute API and compute hosts ask the network service
for ports over this API; nova-like-network's manager is the endpoint.
network_info is the list of VIF dicts described in network/model.py.

API version history:

    1.0 - Initial version: validate_networks, allocate_for_instance,
          deallocate_for_instance, get_instance_nw_info,
          attach_interface, detach_interface.
"""

import oslo_messaging as messaging

from nova_like import conf
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
