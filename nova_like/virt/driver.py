# SPDX-License-Identifier: Apache-2.0
"""The interface every virt driver implements, and the driver loader.

The loader reads [DEFAULT] compute_driver.
"""

import importlib
import string

from nova_like import exception


def network_info_of(instance):
    """The VIFs of instance (network/model.py); [] when it has none or
    the field was not loaded."""
    try:
        return instance.network_info or []
    except (AttributeError, NotImplementedError):  # ovo: not loaded
        return []


class ComputeDriver:
    """What nova-like-compute asks of a hypervisor."""

    name = 'base'

    def init_host(self, host):
        """Connect to the hypervisor of host; raise if it is unusable."""
        raise NotImplementedError()

    def get_available_nodes(self):
        """Names of the hypervisor nodes this host manages."""
        raise NotImplementedError()

    def get_available_resource(self, nodename):
        """Capacity and usage of nodename.

        :returns: dict with vcpus, memory_mb, local_gb, vcpus_used,
            memory_mb_used, local_gb_used, hypervisor_type,
            hypervisor_version, hypervisor_hostname, cpu_info (JSON text).
        """
        raise NotImplementedError()

    def get_traits(self, nodename):
        """Traits the hypervisor knows nodename to have (CPU features,
        HW_CPU_X86_*), for its Placement resource provider."""
        return []

    def get_host_uptime(self):
        """The host's uptime as the `uptime` command prints it ("08:32:11
        up 93 days, 18:25, ..."), what Nova shows as a hypervisor's uptime.
        """
        raise NotImplementedError()

    def list_instance_uuids(self):
        """UUIDs of the guests the hypervisor has."""
        raise NotImplementedError()

    def spawn(self, context, instance, image):
        """Create and start the guest of instance from image (a dict),
        plugged into the networks of instance.network_info (VIF dicts,
        network/model.py).

        :raises: HypervisorError saying what failed.
        """
        raise NotImplementedError()

    def destroy(self, context, instance):
        """Stop the guest, unplug its VIFs and remove it and all its
        files; no-op if absent."""
        raise NotImplementedError()

    def attach_interface(self, instance, vif):
        """Plug vif into the guest, hot-plugged if it runs.

        :raises: HypervisorError saying what failed.
        """
        raise NotImplementedError()

    def detach_interface(self, instance, vif):
        """Unplug vif from the guest; no-op if it is not plugged."""
        raise NotImplementedError()

    def get_device_name_for_instance(self, instance, taken):
        """The device (/dev/vdX) the next volume of instance gets: the
        first virtio name that neither its own disks (the root disk vda,
        an ephemeral disk vdb) nor taken (its volumes' devices) hold.

        :raises: HypervisorError when the guest has no free device.
        """
        names = {name.rsplit('/', 1)[-1] for name in taken}
        names.add('vda')
        try:
            if instance.ephemeral_gb:
                names.add('vdb')
        except (AttributeError, NotImplementedError):  # ovo: not loaded
            pass
        for letter in string.ascii_lowercase:
            if 'vd' + letter not in names:
                return '/dev/vd' + letter
        raise exception.HypervisorError(
            host=getattr(self, '_host', None) or '?',
            reason='guest %s has no free virtio device' % instance.uuid)

    def get_volume_connector(self, instance):
        """What this host tells the volume service when it attaches a
        volume (os-brick's connector properties: host, ip, initiator,
        multipath, platform, os_type)."""
        raise NotImplementedError()

    def attach_volume(self, instance, connection_info, device_name):
        """Give the guest the volume of connection_info (Cinder's
        {'driver_volume_type', 'data'}) as device_name (/dev/vdb),
        hot-plugged if it runs, in its definition either way.

        :raises: HypervisorError saying what failed (nothing is left
            attached then).
        """
        raise NotImplementedError()

    def detach_volume(self, instance, connection_info, device_name):
        """Take the volume at device_name off the guest and forget what
        attach_volume made for it on this host; no-op if not attached.

        :raises: HypervisorError when the guest does not let it go.
        """
        raise NotImplementedError()

    def refresh_network(self, network):
        """The VXLAN peers of network (a VIF's network dict) changed."""
        raise NotImplementedError()

    def refresh_port_rules(self, vifs):
        """Enforce the security groups of these VIFs anew (those of ports
        this host does not have any more are ignored)."""
        raise NotImplementedError()

    def refresh_security_group_members(self, group_id, addresses):
        """Rules naming group_id as their remote group now match these
        addresses."""
        raise NotImplementedError()

    def get_info(self, instance):
        """:returns: {'power_state': one of virt.power_state}."""
        raise NotImplementedError()

    # Lifecycle of a running guest. Each raises InstanceNotFound when the
    # hypervisor has no guest for instance, HypervisorError saying what
    # failed otherwise, and returns only once the guest is in the new state.

    def reboot(self, context, instance, reboot_type):
        """Reboot the guest; reboot_type 'SOFT' (ACPI, falling back to a
        hard reboot after a driver-specific timeout, e.g. [libvirt]
        soft_reboot_timeout) or 'HARD' (reset)."""
        raise NotImplementedError()

    def power_off(self, instance, timeout=0):
        """Stop the guest: ACPI shutdown for up to timeout seconds, then
        pull the plug. Its disks stay."""
        raise NotImplementedError()

    def power_on(self, context, instance):
        """Start a stopped guest."""
        raise NotImplementedError()

    def pause(self, instance):
        """Freeze the guest's vCPUs in memory."""
        raise NotImplementedError()

    def unpause(self, instance):
        raise NotImplementedError()

    def suspend(self, context, instance):
        """Save the guest's memory to disk and stop it."""
        raise NotImplementedError()

    def resume(self, context, instance):
        """Restore a suspended guest."""
        raise NotImplementedError()

    def get_console_output(self, context, instance):
        """:returns: the guest's serial console log so far (str)."""
        raise NotImplementedError()

    def get_diagnostics(self, instance):
        """What the hypervisor measures of a running guest, in Nova's
        standard (2.48) shape: state, driver, hypervisor, hypervisor_os,
        uptime, config_drive, num_cpus/nics/disks, memory_details
        {maximum, used} (MiB), cpu_details [{id, time, utilisation}],
        nic_details [{mac_address, rx_/tx_ octets, errors, drop, packets,
        rate}], disk_details [{read_bytes, read_requests, write_bytes,
        write_requests, errors_count}]; what it cannot say is None.

        :raises: InstanceNotFound.
        """
        raise NotImplementedError()

    def register_event_listener(self, callback):
        """Have callback(instance_uuid, power_state) called, from any
        thread, whenever a guest changes power state on its own (shut
        itself down, crashed, was paused behind our back)."""
        self._event_callback = callback

    def emit_event(self, instance_uuid, state):
        """Report a power state change to the registered listener."""
        callback = getattr(self, '_event_callback', None)
        if callback is not None:
            callback(instance_uuid, state)


def load_driver(name):
    """Instantiate '<module under nova_like.virt>.<Class>'.

    :raises: ConfigError naming [DEFAULT] compute_driver when it cannot.
    """
    module_name, _, class_name = name.rpartition('.')
    try:
        module = importlib.import_module('nova_like.virt.' + module_name)
        return getattr(module, class_name)()
    except (ImportError, AttributeError, ValueError) as exc:
        raise exception.ConfigError(
            option='[DEFAULT] compute_driver',
            reason='cannot load driver %r: %s' % (name, exc)) from exc
