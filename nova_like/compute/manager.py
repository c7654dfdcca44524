# SPDX-License-Identifier: Apache-2.0
"""The compute RPC endpoint: one per host, in front of the virt driver."""

import logging

import oslo_messaging as messaging

from nova_like.clients import placement as placement_client
from nova_like.compute import build
from nova_like.compute import interfaces
from nova_like.compute import networking
from nova_like.compute import power
from nova_like.compute import recovery
from nova_like.compute import resource_tracker
from nova_like.compute import volumes
from nova_like import conf
from nova_like import exception
from nova_like.network import rpcapi as network_rpcapi
from nova_like import objects
from nova_like import versions
from nova_like.virt import driver as virt_driver
from nova_like.virt import power_state

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class ComputeManager:
    """Endpoint of topic compute, server <host>."""

    target = messaging.Target(version=versions.rpc_version('compute'))

    def __init__(self, host=None, driver=None, placement=None,
                 network=None, volume=None):
        self.host = host or CONF.host
        self.driver = driver or virt_driver.load_driver(CONF.compute_driver)
        self.placement = placement or placement_client.PlacementClient()
        self.network = network or network_rpcapi.NetworkAPI()
        self.volume = volume  # a VolumeClient, made on first use
        self.rt = resource_tracker.ResourceTracker(self.host, self.driver,
                                                   self.placement)

    def init_host(self, context):
        """Connect to the hypervisor and record this host's nodes."""
        self.driver.init_host(self.host)
        self.driver.register_event_listener(
            lambda uuid, state: power.handle_event(self, uuid, state))
        self.rt.update_available_resource(context)
        try:
            recovery.recover(self, context, self._instances(context),
                             at_start=True)
        except Exception:  # the first periodic run tries again
            LOG.exception('Could not look for builds and deletes cut off '
                          'by the last stop of this host')
        networking.resync(self, context)

    def _instances(self, context):
        return objects.InstanceList.get_by_filters(context,
                                                   {'host': self.host})

    @property
    def periodic_interval(self):
        """Seconds to the next periodic_tasks, read by the service each time.

        [DEFAULT] periodic_interval, but only report_interval while this
        host's inventory has not reached Placement (it was down or not yet
        started): until then the service is up yet no server can land here.
        """
        if self.rt.placement_pending:
            return min(CONF.report_interval, CONF.periodic_interval)
        return CONF.periodic_interval

    def periodic_tasks(self, context):
        """Run every periodic_interval seconds by the service."""
        self.rt.update_available_resource(context)
        instances = self._instances(context)
        recovery.recover(self, context, instances)
        if CONF.compute.sync_power_state:
            power.sync_power_states(self, context, instances)

    def ping(self, context):
        return {'host': self.host, 'driver': self.driver.name}

    def build_and_run_instance(self, context, instance, request_spec, image,
                               alternates):
        """See ComputeAPI.build_and_run_instance; flow in compute/build.py."""
        build.BuildTask(self, context, instance, request_spec, image,
                        alternates).run()

    def terminate_instance(self, context, instance):
        """See ComputeAPI.terminate_instance; the flow is compute/build.py."""
        build.terminate(self, context, instance)

    # 1.1: the lifecycle of a running guest (flows in compute/power.py).

    def reboot_instance(self, context, instance, reboot_type):
        """See ComputeAPI.reboot_instance."""
        power.run_action(self, context, instance, 'reboot',
                         reboot_type=reboot_type)

    def stop_instance(self, context, instance):
        power.run_action(self, context, instance, 'stop',
                         timeout=CONF.compute.shutdown_timeout)

    def start_instance(self, context, instance):
        power.run_action(self, context, instance, 'start')

    def pause_instance(self, context, instance):
        power.run_action(self, context, instance, 'pause')

    def unpause_instance(self, context, instance):
        power.run_action(self, context, instance, 'unpause')

    def suspend_instance(self, context, instance):
        power.run_action(self, context, instance, 'suspend')

    def resume_instance(self, context, instance):
        power.run_action(self, context, instance, 'resume')

    # 1.2

    def get_host_uptime(self, context):
        """See ComputeAPI.get_host_uptime: None when the driver cannot say.

        :raises: HypervisorError (sent back to the caller).
        """
        try:
            return self.driver.get_host_uptime()
        except NotImplementedError:
            return None
        except exception.NovaLikeException:
            raise messaging.ExpectedException()

    def get_console_output(self, context, instance, tail_length=None):
        """See ComputeAPI.get_console_output.

        :raises: InstanceNotFound, HypervisorError (sent back to the
            caller).
        """
        try:
            return power.console_output(self, context, instance,
                                        tail_length)
        except exception.NovaLikeException:
            raise messaging.ExpectedException()

    # 1.3: ports (flows in compute/interfaces.py).

    def attach_interface(self, context, instance, network_id=None,
                         port_id=None, fixed_ip=None, tag=None):
        """See ComputeAPI.attach_interface.

        :raises: the network service's errors, InterfaceAttachFailed (sent
            back to the caller).
        """
        try:
            return interfaces.attach_interface(
                self, context, instance, network_id=network_id,
                port_id=port_id, fixed_ip=fixed_ip, tag=tag)
        except exception.NovaLikeException:
            raise messaging.ExpectedException()

    def detach_interface(self, context, instance, port_id):
        """See ComputeAPI.detach_interface.

        :raises: PortNotFound, InterfaceDetachFailed (sent back).
        """
        try:
            interfaces.detach_interface(self, context, instance, port_id)
        except exception.NovaLikeException:
            raise messaging.ExpectedException()

    def refresh_network(self, context, network):
        """See ComputeAPI.refresh_network."""
        self.driver.refresh_network(network)

    def refresh_port_rules(self, context, vifs):
        """See ComputeAPI.refresh_port_rules."""
        self.driver.refresh_port_rules(vifs)

    def refresh_security_group_members(self, context, group_id, addresses):
        """See ComputeAPI.refresh_security_group_members."""
        self.driver.refresh_security_group_members(group_id, addresses)

    # 1.4: volumes (flows in compute/volumes.py).

    def reserve_block_device_name(self, context, instance, volume_id,
                                  attachment_id=None, tag=None,
                                  delete_on_termination=False):
        """See ComputeAPI.reserve_block_device_name.

        :raises: InvalidVolume, HypervisorError (sent back to the caller).
        """
        try:
            return volumes.reserve_block_device_name(
                self, context, instance, volume_id,
                attachment_id=attachment_id, tag=tag,
                delete_on_termination=delete_on_termination)
        except exception.NovaLikeException:
            raise messaging.ExpectedException()

    def release_volumes(self, context, instance):
        """The volume side of a terminate, once the guest is gone (not an
        RPC method; compute/build.py calls it)."""
        volumes.cleanup_for_terminate(self, context, instance)

    def attach_volume(self, context, instance, bdm):
        """See ComputeAPI.attach_volume."""
        volumes.attach_volume(self, context, instance, bdm)

    def detach_volume(self, context, instance, volume_id):
        """See ComputeAPI.detach_volume."""
        volumes.detach_volume(self, context, instance, volume_id)

    # 1.5

    def get_instance_diagnostics(self, context, instance):
        """See ComputeAPI.get_instance_diagnostics: None when the driver
        has none.

        :raises: InstanceInvalidState (the guest is not running),
            InstanceNotFound (sent back to the caller).
        """
        try:
            state = self.driver.get_info(instance)['power_state']
            if state != power_state.RUNNING:
                raise exception.InstanceInvalidState(
                    method='get_diagnostics', instance_uuid=instance.uuid,
                    attr='power state',
                    state=power_state.STATE_MAP.get(state, state))
            return self.driver.get_diagnostics(instance)
        except NotImplementedError:
            return None
        except exception.NovaLikeException:
            raise messaging.ExpectedException()
