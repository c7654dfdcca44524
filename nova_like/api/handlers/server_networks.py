# SPDX-License-Identifier: Apache-2.0
"""What POST /servers asks of the network, and the network's errors.

The body's networks and security_groups become RequestSpec's
requested_networks and security_groups; errors of the network service
become Nova's status codes and texts.
"""

import contextlib

import oslo_messaging as messaging
from oslo_utils import uuidutils
import webob.exc

from nova_like.api import errors
from nova_like import exception

SERVICE = 'nova-like-network'


def _entry(network_id=None, port_id=None, fixed_ip=None, tag=None):
    return {'network_id': network_id, 'port_id': port_id,
            'fixed_ip': fixed_ip, 'tag': tag}


def _check_network_id(network_id):
    # Nova still takes Folsom's br-<uuid> network ids.
    if not uuidutils.is_uuid_like(network_id) and \
            not uuidutils.is_uuid_like(network_id.split('-', 1)[-1]):
        raise errors.bad_request('Bad networks format: network uuid is not '
                                 'in proper format (%s)' % network_id)


def requested_networks(server, max_count=1):
    """RequestSpec.requested_networks of a create body's server.

    None when the body names no networks; [{'network_id': 'auto' |
    'none', ...}] for 2.37's strings; else one entry per network or port.

    :raises: HTTPBadRequest as Nova's handler does (a fixed IP with a
        port, a port twice, a port or fixed IP for several servers, a
        network without uuid or port).
    """
    networks = server.get('networks')
    if networks is None:
        return None
    if isinstance(networks, str):
        return [_entry(network_id=networks)]
    requested, ports = [], set()
    for network in networks:
        port_id = network.get('port')
        fixed_ip = network.get('fixed_ip')
        tag = network.get('tag')
        if port_id:
            if fixed_ip is not None:
                raise errors.bad_request(
                    "Specified Fixed IP '%s' cannot be used with port '%s': "
                    "the two cannot be specified together." % (fixed_ip,
                                                               port_id))
            if port_id in ports:
                raise errors.bad_request(
                    'Port %s is asked for more than once: a port can be '
                    'attached only once.' % port_id)
            if max_count > 1:
                raise errors.bad_request(
                    'Failed to launch instances: Unable to launch multiple '
                    'instances with a single '
                    'configured port ID. Please launch your instance one '
                    'by one with different ports.')
            ports.add(port_id)
            requested.append(_entry(port_id=port_id, tag=tag))
            continue
        if 'uuid' not in network:
            raise errors.bad_request("Bad network format: missing 'uuid'")
        _check_network_id(network['uuid'])
        if fixed_ip is not None and max_count > 1:
            raise errors.bad_request(
                'Failed to launch instances: max_count cannot be greater '
                'than 1 if an fixed_ip is specified.')
        requested.append(_entry(network_id=network['uuid'],
                                fixed_ip=fixed_ip, tag=tag))
    return requested


def security_groups(server):
    """The group names of a create body, each once, in order ([]: none
    named, so the project's default group)."""
    names = [group['name'] for group in server.get('security_groups') or []
             if group.get('name')]
    return list(dict.fromkeys(names))


def unavailable(exc):
    """503 naming the network service for an RPC that found no answer."""
    return webob.exc.HTTPServiceUnavailable(
        explanation='The network service (%s) did not answer: %s' % (
            SERVICE, exception.reason_of(exc)))


@contextlib.contextmanager
def boot_errors():
    """The network errors of a boot as Nova answers them."""
    try:
        yield
    except (exception.NetworkNotFound, exception.PortNotFound,
            exception.SecurityGroupNotFound, exception.SubnetNotFound,
            exception.IpAddressAlreadyAllocated) as exc:
        raise errors.bad_request(exc.message)
    except (exception.PortInUse, exception.NetworkAmbiguous) as exc:
        raise errors.conflict(exc.message)
    except (messaging.MessagingTimeout, messaging.MessageDeliveryFailure,
            exception.RPCUndeliverable) as exc:
        raise unavailable(exc)


@contextlib.contextmanager
def unreachable_is_503():
    """A network service that does not answer is a 503."""
    try:
        yield
    except (messaging.MessagingTimeout, messaging.MessageDeliveryFailure,
            exception.RPCUndeliverable) as exc:
        raise unavailable(exc)
