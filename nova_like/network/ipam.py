# SPDX-License-Identifier: Apache-2.0
"""IP address management of IPv4 subnets, race-free on every backend.

An allocated address is a row of ip_allocations, unique per (network,
address). A writer picks a free-looking address at random among the first
free ones of the subnet's pools and inserts it; when another writer got
there first (a duplicate), it tries another. A subnet with no free address
left is a 409 IpAddressGenerationFailure naming the subnet.
"""

import ipaddress
import random

import sqlalchemy as sa

from nova_like import exception
from nova_like.network.db import api as db_api
from nova_like.network.db import models
from nova_like.network import errors

# Pick at random among this many free addresses, so racing writers rarely
# choose the same one.
_SPREAD = 256


def parse_cidr(cidr, field='cidr'):
    """An IPv4Network of cidr; BadRequest naming field otherwise."""
    try:
        net = ipaddress.ip_network(str(cidr), strict=False)
    except ValueError:
        raise errors.bad_request(field, "'%s' is not a valid IP subnet"
                                 % cidr)
    if net.version != 4:
        raise errors.bad_request(
            'ip_version', 'IPv6 subnets are not supported yet (%s)' % cidr)
    return net


def parse_ip(address, field):
    try:
        ip = ipaddress.ip_address(str(address))
    except ValueError:
        raise errors.bad_request(field, "'%s' is not a valid IP address"
                                 % address)
    if ip.version != 4:
        raise errors.bad_request(field, '%s is not an IPv4 address'
                                 % address)
    return ip


def default_gateway(net):
    """The first usable address of net, or None when there is none."""
    hosts = _host_range(net)
    return str(hosts[0]) if hosts else None


def _host_range(net):
    if net.prefixlen >= 31:
        return (net.network_address, net.broadcast_address)
    return (net.network_address + 1, net.broadcast_address - 1)


def default_pools(net, gateway):
    """The whole host range of net minus the gateway, as pools."""
    first, last = _host_range(net)
    pools = []
    gw = ipaddress.ip_address(gateway) if gateway else None
    if gw is not None and first <= gw <= last:
        if first < gw:
            pools.append({'start': str(first), 'end': str(gw - 1)})
        if gw < last:
            pools.append({'start': str(gw + 1), 'end': str(last)})
    else:
        pools.append({'start': str(first), 'end': str(last)})
    return pools


def validate_pools(net, pools, gateway):
    """Checked pools of a new subnet: inside net, ordered, disjoint, not
    holding the gateway."""
    checked = []
    first, last = _host_range(net)
    for pool in pools:
        if not isinstance(pool, dict) or set(pool) != {'start', 'end'}:
            raise errors.bad_request(
                'allocation_pools', 'each pool is {"start": ip, "end": ip}')
        start = parse_ip(pool['start'], 'allocation_pools')
        end = parse_ip(pool['end'], 'allocation_pools')
        if not (first <= start <= end <= last):
            raise errors.bad_request(
                'allocation_pools', 'pool %s-%s is not a range of host '
                'addresses of %s' % (start, end, net))
        if gateway and start <= ipaddress.ip_address(gateway) <= end:
            raise errors.bad_request(
                'allocation_pools', 'gateway %s is inside pool %s-%s'
                % (gateway, start, end))
        checked.append((start, end))
    checked.sort()
    for (_s1, e1), (s2, _e2) in zip(checked, checked[1:]):
        if s2 <= e1:
            raise errors.bad_request('allocation_pools',
                                     'pools overlap at %s' % s2)
    return [{'start': str(s), 'end': str(e)} for s, e in checked]


def in_pools(subnet, ip):
    ip = ipaddress.ip_address(ip)
    return any(ipaddress.ip_address(p['start']) <= ip <=
               ipaddress.ip_address(p['end'])
               for p in subnet.allocation_pools)


def _taken(session, subnet):
    """The subnet's allocated addresses, as integers."""
    table = models.IPAllocation
    return {int(ipaddress.ip_address(address)) for address in
            session.execute(sa.select(table.ip_address).where(
                table.subnet_id == subnet.id)).scalars()}


def _free(subnet, taken, limit):
    """Up to limit free addresses (integers) of the pools, lowest first:
    a pool's walk costs no address objects."""
    found = []
    for pool in subnet.allocation_pools:
        start = int(ipaddress.ip_address(pool['start']))
        end = int(ipaddress.ip_address(pool['end']))
        for number in range(start, end + 1):
            if number not in taken:
                found.append(number)
                if len(found) == limit:
                    return found
    return found


def _insert(session, subnet, port_id, address):
    try:
        with session.begin_nested():
            session.add(models.IPAllocation(
                network_id=subnet.network_id, subnet_id=subnet.id,
                port_id=port_id, ip_address=address))
        return True
    except sa.exc.IntegrityError as exc:
        if not db_api.is_duplicate(exc):
            raise
        return False


def allocate(session, subnet, port_id, ip_address=None, first_free=False):
    """Give port_id an address of subnet; the address.

    :param ip_address: the address asked for (anywhere in the subnet but
        its network, broadcast and gateway address), or None for any free
        one of the pools.
    :param first_free: the lowest free address rather than any (the DHCP
        server's, so that it is predictable).
    :raises: IpAddressAlreadyAllocated, IpAddressGenerationFailure,
        BadRequest (fixed_ips) for an address outside the subnet.
    """
    if ip_address is not None:
        ip = parse_ip(ip_address, 'fixed_ips')
        net = ipaddress.ip_network(subnet.cidr)
        first, last = _host_range(net)
        if not first <= ip <= last or str(ip) == subnet.gateway_ip:
            raise errors.bad_request(
                'fixed_ips', 'IP address %s is not a valid IP for subnet %s'
                % (ip, subnet.id))
        if not _insert(session, subnet, port_id, str(ip)):
            raise exception.IpAddressAlreadyAllocated(ip=str(ip),
                                                      subnet_id=subnet.id)
        return str(ip)
    taken = _taken(session, subnet)
    while True:
        free = _free(subnet, taken, _SPREAD)
        if not free:
            raise exception.IpAddressGenerationFailure(
                net_id=subnet.network_id,
                subnet='%s (%s)' % (subnet.id, subnet.cidr))
        number = free[0] if first_free else random.choice(free)
        candidate = str(ipaddress.ip_address(number))
        if _insert(session, subnet, port_id, candidate):
            return candidate
        taken.add(number)


def release_port(session, port_id):
    """Free every address of port_id."""
    table = models.IPAllocation
    session.execute(sa.delete(table).where(table.port_id == port_id))


def used(session, subnet_id):
    table = models.IPAllocation
    return session.execute(sa.select(sa.func.count()).where(
        table.subnet_id == subnet_id)).scalar()
