# SPDX-License-Identifier: Apache-2.0
"""Attaching and detaching a running server's ports (os-interface).

Each runs under the instance's lock, so it never overlaps a build or a
delete of the same server. The network service makes or takes the port,
the driver hot-plugs it, and instance.network_info follows; a plug that
fails gives the port back.
"""

from nova_like.compute import build
from nova_like import conf
from nova_like import exception

CONF = conf.CONF


def attach_interface(manager, context, instance, network_id=None,
                     port_id=None, fixed_ip=None, tag=None):
    """A new port for the guest, plugged, kept in network_info.

    :returns: the new VIF.
    :raises: InterfaceAttachFailed (the port is given back), the network
        service's NotFound and Conflict errors.
    """
    if not CONF.network.enabled:
        raise exception.InterfaceAttachFailed(
            instance_uuid=instance.uuid, reason='no network service is '
            'deployed ([network] enabled is False)')
    with build.instance_lock(instance.uuid):
        vif = manager.network.attach_interface(
            context, instance.uuid, instance.project_id, manager.host,
            CONF.network.local_ip, network_id=network_id, port_id=port_id,
            fixed_ip=fixed_ip, tag=tag)
        try:
            manager.driver.attach_interface(instance, vif)
        except Exception as exc:  # any hypervisor failure: give it back
            manager.network.detach_interface(context, instance.uuid,
                                             vif['id'])
            raise exception.InterfaceAttachFailed(
                instance_uuid=instance.uuid,
                reason=exception.reason_of(exc)) from exc
        instance.network_info = [
            v for v in instance.network_info if v['id'] != vif['id']
        ] + [vif]
        instance.save()
        return vif


def detach_interface(manager, context, instance, port_id):
    """Unplug port_id from the guest and give the port back.

    :raises: PortNotFound when the guest has no such port,
        InterfaceDetachFailed.
    """
    with build.instance_lock(instance.uuid):
        vif = next((v for v in instance.network_info
                    if v['id'] == port_id), None)
        if vif is None:
            raise exception.PortNotFound(port_id=port_id)
        try:
            manager.driver.detach_interface(instance, vif)
        except Exception as exc:  # the guest keeps the port
            raise exception.InterfaceDetachFailed(
                instance_uuid=instance.uuid,
                reason=exception.reason_of(exc)) from exc
        manager.network.detach_interface(context, instance.uuid, port_id)
        instance.network_info = [v for v in instance.network_info
                                 if v['id'] != port_id]
        instance.save()
