# SPDX-License-Identifier: Apache-2.0
"""Admin actions on a server: reset its state, re-inject its network info,
read its diagnostics."""

import oslo_messaging as messaging

from nova_like.compute.api import guards
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like import conf
from nova_like.compute import vm_states
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import service as service_obj

CONF = conf.CONF

# os-resetState's states and the vm_state each sets.
RESET_STATES = {'active': vm_states.ACTIVE, 'error': vm_states.ERROR}


def _require_cell(instance, method):
    """A server still in its build request has no row to change."""
    if not instance.obj_attr_is_set('id'):
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state)


def reset_state(context, instance, state):
    """Set vm_state (active or error) and clear task_state, whatever they
    were, recorded as the instance action resetState (a lock is no bar:
    this is how an admin frees a stuck server)."""
    _require_cell(instance, 'resetState')
    with nl_context.target_cell(context, instance.cell_mapping) as cctx:
        instance._context = cctx
        objects.InstanceAction.action_start(cctx, instance.uuid,
                                            'resetState')
        instance.vm_state = RESET_STATES[state]
        instance.task_state = None
        instance.save()
        objects.InstanceAction.action_finish(cctx, instance.uuid)
    return instance


def inject_network_info(context, instance):
    """Nova asks the host's virt driver to inject network info into the
    guest; libvirt guests take theirs from DHCP and the config drive, so, as
    with Nova's libvirt driver, the host has nothing to do: the request is
    checked (lock, a host) and recorded as the instance action
    injectNetworkInfo, and no RPC is sent.

    :raises: InstanceIsLocked, InstanceInvalidState, InstanceNotReady.
    """
    guards.check_lock(context, instance)
    _require_cell(instance, 'injectNetworkInfo')
    if not instance.host:
        raise exception.InstanceNotReady(instance_id=instance.uuid,
                                         reason='it has no host')
    with nl_context.target_cell(context, instance.cell_mapping) as cctx:
        objects.InstanceAction.action_start(cctx, instance.uuid,
                                            'injectNetworkInfo')
        objects.InstanceAction.action_finish(cctx, instance.uuid)


def _host_is_up(cctx, host):
    try:
        service = objects.Service.get_by_host_and_binary(
            cctx, host, service_obj.COMPUTE_BINARY)
    except exception.HostBinaryNotFound:
        return False
    return service.is_up(CONF.service_down_time)


def diagnostics(context, instance):
    """The guest's diagnostics from its compute host (standard shape), or
    None when the host's driver has none.

    :raises: InstanceNotReady (no host, or it is down), InstanceInvalidState
        (not running), InstanceNotFound, ComputeUnavailable when the host
        does not answer within [compute] console_output_timeout.
    """
    if not instance.obj_attr_is_set('id') or not instance.host:
        raise exception.InstanceNotReady(instance_id=instance.uuid,
                                         reason='it has no host yet')
    timeout = CONF.compute.console_output_timeout
    with nl_context.target_cell(context, instance.cell_mapping) as cctx:
        if not _host_is_up(cctx, instance.host):
            raise exception.InstanceNotReady(
                instance_id=instance.uuid,
                reason='its host %s is down' % instance.host)
        try:
            return compute_rpcapi.ComputeAPI().get_instance_diagnostics(
                cctx, instance, timeout=timeout)
        except messaging.MessagingTimeout:
            raise exception.ComputeUnavailable(
                host=instance.host, what='the diagnostics request',
                timeout=timeout)
