# SPDX-License-Identifier: Apache-2.0
"""The interface every virt driver implements, and the loader of [DEFAULT] compute_driver."""

import importlib

from nova_like import exception


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

    def list_instance_uuids(self):
        """UUIDs of the guests the hypervisor has."""
        raise NotImplementedError()

    def spawn(self, context, instance, image):
        """Create and start the guest of instance from image (a dict).

        :raises: HypervisorError saying what failed.
        """
        raise NotImplementedError()

    def destroy(self, context, instance):
        """Stop the guest and remove it and all its files; no-op if absent."""
        raise NotImplementedError()

    def get_info(self, instance):
        """:returns: {'power_state': one of compute.power_state}."""
        raise NotImplementedError()


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
