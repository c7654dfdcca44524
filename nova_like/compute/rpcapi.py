# SPDX-License-Identifier: Apache-2.0
"""Client side of the compute RPC API (topic compute, server = host).

API version history:

    1.0 - Initial version: ping, build_and_run_instance,
          terminate_instance.
    1.1 - add reboot_instance(reboot_type), stop_instance, start_instance,
          pause_instance, unpause_instance, suspend_instance,
          resume_instance (casts) and get_console_output (call).
    1.2 - add get_host_uptime (call).
    1.3 - add attach_interface, detach_interface (calls),
          refresh_network, refresh_port_rules and
          refresh_security_group_members (casts).
    1.4 - add reserve_block_device_name (call), attach_volume and
          detach_volume (casts).
    1.5 - add get_instance_diagnostics (call).
"""

import oslo_messaging as messaging

from nova_like import conf
from nova_like import exception
from nova_like import rpc
from nova_like import versions

CONF = conf.CONF

RPC_TOPIC = 'compute'
RPC_API_VERSION = versions.rpc_version('compute')


class ComputeAPI:
    """Talks to the nova-like-compute of one host."""

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        cap = versions.version_cap('compute', CONF.upgrade_levels.compute)
        self.client = rpc.get_client(target, version_cap=cap)

    def ping(self, context, host, timeout=None):
        """Round trip to the compute daemon of host.

        :returns: {'host': host, 'driver': the virt driver's name}
        """
        cctxt = self.client.prepare(server=host, timeout=timeout)
        return cctxt.call(context, 'ping')

    def build_and_run_instance(self, context, instance, host, request_spec,
                               image, alternates):
        """Build instance on host, its Placement claim already made (cast).

        :param alternates: Selections to reschedule to if the build fails.
        """
        cctxt = self.client.prepare(server=host)
        cctxt.cast(context, 'build_and_run_instance', instance=instance,
                   request_spec=request_spec, image=image,
                   alternates=alternates)

    def terminate_instance(self, context, instance):
        """Destroy the guest on instance.host, delete the instance (cast)."""
        cctxt = self.client.prepare(server=instance.host)
        cctxt.cast(context, 'terminate_instance', instance=instance)

    # 1.1: the lifecycle of a running guest.

    def _prepare_1_1(self, instance, what, **kwargs):
        if not self.client.can_send_version('1.1'):
            raise exception.RPCPinnedToOldVersion(what=what, version='1.1')
        return self.client.prepare(server=instance.host, version='1.1',
                                   **kwargs)

    def reboot_instance(self, context, instance, reboot_type):
        """Reboot the guest, reboot_type 'SOFT' or 'HARD' (cast)."""
        self._prepare_1_1(instance, 'reboot').cast(
            context, 'reboot_instance', instance=instance,
            reboot_type=reboot_type)

    def _cast_1_1(self, context, method, instance):
        self._prepare_1_1(instance, method).cast(context, method,
                                                 instance=instance)

    def stop_instance(self, context, instance):
        """Power the guest off (cast)."""
        self._cast_1_1(context, 'stop_instance', instance)

    def start_instance(self, context, instance):
        """Power a stopped guest on (cast)."""
        self._cast_1_1(context, 'start_instance', instance)

    def pause_instance(self, context, instance):
        self._cast_1_1(context, 'pause_instance', instance)

    def unpause_instance(self, context, instance):
        self._cast_1_1(context, 'unpause_instance', instance)

    def suspend_instance(self, context, instance):
        self._cast_1_1(context, 'suspend_instance', instance)

    def resume_instance(self, context, instance):
        self._cast_1_1(context, 'resume_instance', instance)

    def get_console_output(self, context, instance, tail_length=None,
                           timeout=None):
        """The last tail_length lines of the guest's console (call).

        :raises: MessagingTimeout when the host does not answer in timeout
            seconds.
        """
        cctxt = self._prepare_1_1(instance, 'get_console_output',
                                  timeout=timeout)
        return cctxt.call(context, 'get_console_output', instance=instance,
                          tail_length=tail_length)

    # 1.2

    def get_host_uptime(self, context, host, timeout=None):
        """The `uptime` text of host, or None when its driver has none
        (call).

        :raises: RPCPinnedToOldVersion, MessagingTimeout, HypervisorError.
        """
        if not self.client.can_send_version('1.2'):
            raise exception.RPCPinnedToOldVersion(what='get_host_uptime',
                                                  version='1.2')
        cctxt = self.client.prepare(server=host, version='1.2',
                                    timeout=timeout)
        return cctxt.call(context, 'get_host_uptime')

    # 1.3: ports.

    def _prepare_1_3(self, host, what, **kwargs):
        if not self.client.can_send_version('1.3'):
            raise exception.RPCPinnedToOldVersion(what=what, version='1.3')
        return self.client.prepare(server=host, version='1.3', **kwargs)

    def attach_interface(self, context, instance, network_id=None,
                         port_id=None, fixed_ip=None, tag=None):
        """Give the guest one more port, hot-plugged if it runs (call).

        :returns: the new VIF (a network_info entry, network/model.py).
        :raises: RPCPinnedToOldVersion, the network service's NotFound and
            Conflict errors, InterfaceAttachFailed.
        """
        cctxt = self._prepare_1_3(instance.host, 'attach_interface')
        return cctxt.call(context, 'attach_interface', instance=instance,
                          network_id=network_id, port_id=port_id,
                          fixed_ip=fixed_ip, tag=tag)

    def detach_interface(self, context, instance, port_id):
        """Unplug port_id from the guest and give it back (call).

        :raises: RPCPinnedToOldVersion, PortNotFound (not the guest's),
            InterfaceDetachFailed.
        """
        cctxt = self._prepare_1_3(instance.host, 'detach_interface')
        return cctxt.call(context, 'detach_interface', instance=instance,
                          port_id=port_id)

    def refresh_network(self, context, host, network):
        """The VXLAN peers of a network with ports on host changed: host
        updates its tunnel endpoints (cast; sent by nova-like-network).

        :param network: the network dict of a VIF (network/model.py).
        """
        self._prepare_1_3(host, 'refresh_network').cast(
            context, 'refresh_network', network=network)

    def refresh_port_rules(self, context, host, vifs):
        """The security group rules of these ports of host changed: host
        remakes their firewall rules (cast; sent by nova-like-network).

        :param vifs: network_info entries (network/model.py).
        """
        self._prepare_1_3(host, 'refresh_port_rules').cast(
            context, 'refresh_port_rules', vifs=vifs)

    def refresh_security_group_members(self, context, host, group_id,
                                       addresses):
        """The addresses of group_id's ports are now addresses: host
        refills what its rules naming that remote group match (cast;
        sent by nova-like-network)."""
        self._prepare_1_3(host, 'refresh_security_group_members').cast(
            context, 'refresh_security_group_members', group_id=group_id,
            addresses=addresses)

    # 1.4: volumes.

    def _prepare_1_4(self, instance, what, **kwargs):
        if not self.client.can_send_version('1.4'):
            raise exception.RPCPinnedToOldVersion(what=what, version='1.4')
        return self.client.prepare(server=instance.host, version='1.4',
                                   **kwargs)

    def reserve_block_device_name(self, context, instance, volume_id,
                                  attachment_id=None, tag=None,
                                  delete_on_termination=False):
        """The guest's next free device, recorded in a new block device
        mapping of volume_id (call).

        :returns: the BlockDeviceMapping.
        :raises: RPCPinnedToOldVersion, InvalidVolume (already attached),
            HypervisorError (no free device), MessagingTimeout.
        """
        cctxt = self._prepare_1_4(instance, 'reserve_block_device_name')
        return cctxt.call(context, 'reserve_block_device_name',
                          instance=instance, volume_id=volume_id,
                          attachment_id=attachment_id, tag=tag,
                          delete_on_termination=delete_on_termination)

    def attach_volume(self, context, instance, bdm):
        """Connect and hot-plug bdm's volume, complete its attachment
        (cast)."""
        self._prepare_1_4(instance, 'attach_volume').cast(
            context, 'attach_volume', instance=instance, bdm=bdm)

    def detach_volume(self, context, instance, volume_id):
        """Unplug volume_id, delete its attachment and mapping (cast)."""
        self._prepare_1_4(instance, 'detach_volume').cast(
            context, 'detach_volume', instance=instance, volume_id=volume_id)

    # 1.5

    def get_instance_diagnostics(self, context, instance, timeout=None):
        """The guest's diagnostics in Nova's standard shape, None when the
        host's driver has none (call).

        :raises: RPCPinnedToOldVersion, MessagingTimeout,
            InstanceInvalidState (not running), InstanceNotFound.
        """
        if not self.client.can_send_version('1.5'):
            raise exception.RPCPinnedToOldVersion(
                what='get_instance_diagnostics', version='1.5')
        cctxt = self.client.prepare(server=instance.host, version='1.5',
                                    timeout=timeout)
        return cctxt.call(context, 'get_instance_diagnostics',
                          instance=instance)
