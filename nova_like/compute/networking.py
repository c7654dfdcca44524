# SPDX-License-Identifier: Apache-2.0
"""A compute host's side of networking: ports for its guests.

The network service owns ports and addresses; this host asks it for them
(network/rpcapi.py), keeps the answer as instance.network_info and has
the virt driver plug what it got. A network service that cannot be
reached when ports are given back is not fatal to a delete: the port keeps
naming a server that no longer exists, and the conductor's reconciler
gives it back later.
"""

import logging
import time

import oslo_messaging as messaging

from nova_like import conf
from nova_like import exception
from nova_like.network import model

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class NetworkAllocationFailed(exception.NovaLikeException):
    msg_fmt = 'Could not allocate the network of %(uuid)s: %(reason)s'


def allocate(manager, context, instance, request_spec):
    """The instance's ports, bound to this host, as instance.network_info
    (not saved: the caller saves it with the build's next state).

    :raises: NetworkAllocationFailed naming what the network service
        refused (a full subnet, a port taken meanwhile) or that it did
        not answer; nothing a reschedule to another host would fix.
    """
    if not CONF.network.enabled:
        instance.network_info = []
        return []
    started = time.monotonic()
    try:
        network_info = manager.network.allocate_for_instance(
            context, instance.uuid, instance.project_id, manager.host,
            CONF.network.local_ip, request_spec.requested_networks,
            list(request_spec.security_groups) or None, instance.hostname)
    except messaging.MessagingTimeout as exc:
        raise NetworkAllocationFailed(
            uuid=instance.uuid, reason='nova-like-network did not answer '
            'in time') from exc
    except exception.NovaLikeException as exc:
        raise NetworkAllocationFailed(
            uuid=instance.uuid, reason=exception.reason_of(exc)) from exc
    except Exception as exc:  # its bug must not leave the build SPAWNING
        LOG.exception('Allocating the ports of %s failed', instance.uuid)
        raise NetworkAllocationFailed(
            uuid=instance.uuid, reason='nova-like-network failed (%s); its '
            'log has the details' % (getattr(exc, 'exc_type', None) or
                                     type(exc).__name__)) from exc
    instance.network_info = network_info
    if network_info:
        # tools/bench_boot.py --network reads these lines.
        LOG.info('Ports of %s allocated and bound in %.1f ms',
                 instance.uuid, (time.monotonic() - started) * 1000)
    return network_info


def deallocate(manager, context, instance):
    """Give the instance's ports back; True when the network service
    took them, False (logged) when it could not be reached."""
    if not CONF.network.enabled:
        return True
    try:
        manager.network.deallocate_for_instance(context, instance.uuid)
    except (messaging.MessagingTimeout, exception.RPCUndeliverable) as exc:
        LOG.warning('Could not give back the ports of %s: %s; the '
                    'conductor\'s reconciler will', instance.uuid,
                    exception.reason_of(exc))
        return False
    instance.network_info = []
    return True


def resync(manager, context):
    """Ask the network service to tell this host, which just started, the
    VXLAN peers and security group members it may have missed (a reboot
    empties the kernel's tunnels and nft sets); logged when it cannot."""
    if not CONF.network.enabled:
        return
    try:
        manager.network.resync_host(context, manager.host)
    except Exception as exc:  # the next change of each brings it back
        LOG.warning('Could not ask nova-like-network to resync this host: '
                    '%s', exception.reason_of(exc))


def network_info(manager, context, instance):
    """The instance's network_info as the network service has it; what
    instance has when the service cannot be reached (logged)."""
    if not CONF.network.enabled:
        return []
    try:
        return model.in_order_of(instance.network_info, manager.network
                                 .get_instance_nw_info(context,
                                                       instance.uuid))
    except (messaging.MessagingTimeout, exception.RPCUndeliverable) as exc:
        LOG.warning('Could not ask for the ports of %s: %s', instance.uuid,
                    exception.reason_of(exc))
        return list(instance.network_info or [])
