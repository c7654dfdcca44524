# SPDX-License-Identifier: Apache-2.0
"""IPv4 subnets of networks, and the DHCP port that serves them."""

import ipaddress

import sqlalchemy as sa

from nova_like import exception
from nova_like.network.db import models
from nova_like.network import errors
from nova_like.network import ipam
from nova_like.network.objects import base
from nova_like.network.objects import network as network_obj
from nova_like.network.objects import port as port_obj
from nova_like.network import quota

ATTRIBUTES = (
    'name', 'description', 'network_id', 'ip_version', 'cidr',
    'gateway_ip', 'allocation_pools', 'dns_nameservers', 'host_routes',
    'enable_dhcp', 'project_id', 'tenant_id', 'ipv6_ra_mode',
    'ipv6_address_mode', 'subnetpool_id', 'segment_id', 'service_types',
    'use_default_subnetpool', 'prefixlen', 'dns_publish_fixed_ip')
UPDATABLE = ('name', 'description', 'gateway_ip', 'dns_nameservers',
             'host_routes', 'enable_dhcp', 'allocation_pools')
DHCP_OWNER = 'network:dhcp'


def to_dict(row):
    view = base.common(row)
    view.update({
        'name': row.name, 'description': row.description,
        'network_id': row.network_id, 'ip_version': row.ip_version,
        'cidr': row.cidr, 'gateway_ip': row.gateway_ip,
        'allocation_pools': row.allocation_pools,
        'dns_nameservers': row.dns_nameservers,
        'host_routes': row.host_routes, 'enable_dhcp': row.enable_dhcp,
        'ipv6_ra_mode': None, 'ipv6_address_mode': None,
        'subnetpool_id': None, 'segment_id': None, 'service_types': [],
        'dns_publish_fixed_ip': False,
    })
    return view


def _visible(ctx, session, row):
    if ctx.admin or row.project_id == ctx.project_id:
        return True
    net = session.get(models.Network, row.network_id)
    return net is not None and (net.shared or net.external or
                                net.project_id == ctx.project_id)


def get_row(session, ctx, subnet_id):
    row = session.get(models.Subnet, subnet_id)
    if row is None or not _visible(ctx, session, row):
        raise exception.SubnetNotFound(subnet_id=subnet_id)
    return row


def get(ctx, subnet_id):
    with ctx.db.reader() as session:
        return to_dict(get_row(session, ctx, subnet_id))


def list_all(ctx):
    with ctx.db.reader() as session:
        table = models.Subnet
        query = sa.select(table)
        if not ctx.admin:
            nets = sa.select(models.Network.id).where(
                network_obj.visible(ctx))
            query = query.where(sa.or_(table.project_id == ctx.project_id,
                                       table.network_id.in_(nets)))
        return [to_dict(row) for row in session.execute(query).scalars()]


def _dns(body):
    servers = body.get('dns_nameservers') or []
    if not isinstance(servers, list):
        raise errors.bad_request('dns_nameservers', 'a list of addresses')
    for server in servers:
        ipam.parse_ip(server, 'dns_nameservers')
    if len(set(servers)) != len(servers):
        raise errors.bad_request('dns_nameservers', 'duplicate address')
    return list(servers)


def _routes(body):
    routes = body.get('host_routes') or []
    if not isinstance(routes, list):
        raise errors.bad_request('host_routes', 'a list of routes')
    checked = []
    for route in routes:
        if not isinstance(route, dict) or \
                set(route) != {'destination', 'nexthop'}:
            raise errors.bad_request(
                'host_routes', 'each route is {"destination": cidr, '
                '"nexthop": ip}')
        dest = ipam.parse_cidr(route['destination'], 'host_routes')
        ipam.parse_ip(route['nexthop'], 'host_routes')
        checked.append({'destination': str(dest),
                        'nexthop': route['nexthop']})
    return checked


def _gateway(body, net):
    if 'gateway_ip' in body and body['gateway_ip'] is None:
        return None
    if body.get('gateway_ip') is None:
        return ipam.default_gateway(net)
    gateway = ipam.parse_ip(body['gateway_ip'], 'gateway_ip')
    if gateway not in net or gateway in (net.network_address,
                                         net.broadcast_address):
        raise errors.bad_request('gateway_ip', 'gateway %s is not a host '
                                 'address of %s' % (gateway, net))
    return str(gateway)


def create(ctx, body, session=None, check_owner=None):
    """A new subnet (and the network's DHCP port address); its view.

    :param check_owner: called with the network's view: the handler's
        policy check (admin or the network's owner).
    """
    base.check_keys(body, ATTRIBUTES, 'subnet')
    if session is None:
        with ctx.db.writer() as session:
            return create(ctx, body, session, check_owner)
    version = base.integer(body, 'ip_version', 4)
    if version != 4:
        raise errors.bad_request(
            'ip_version', 'IPv%s subnets are not supported; only 4'
            % version)
    if not body.get('network_id'):
        raise errors.bad_request('network_id', 'network_id is required')
    if not body.get('cidr'):
        raise errors.bad_request('cidr', 'cidr is required (subnet pools '
                                 'are not supported)')
    net_row = network_obj.get_row(session, ctx, body['network_id'])
    if check_owner is not None:
        check_owner(net_row)
    net = ipam.parse_cidr(body['cidr'])
    if net.prefixlen > 30:
        raise errors.bad_request('cidr', '%s has no room for hosts: use a '
                                 'prefix of /30 or shorter' % net)
    for other in session.execute(sa.select(models.Subnet.cidr).where(
            models.Subnet.network_id == net_row.id)).scalars():
        if net.overlaps(ipaddress.ip_network(other)):
            raise errors.bad_request(
                'cidr', 'Requested subnet with cidr: %s for network: %s '
                'overlaps with another subnet' % (net, net_row.id))
    gateway = _gateway(body, net)
    if body.get('allocation_pools'):
        pools = ipam.validate_pools(net, body['allocation_pools'], gateway)
    else:
        pools = ipam.default_pools(net, gateway)
    project_id = base.owner(ctx, body)
    quota.check(session, project_id, 'subnet')
    row = models.Subnet(
        id=base.new_id(), network_id=net_row.id, project_id=project_id,
        name=base.string(body, 'name'),
        description=base.string(body, 'description'), ip_version=4,
        cidr=str(net), gateway_ip=gateway,
        enable_dhcp=base.boolean(body, 'enable_dhcp', True),
        allocation_pools=pools, dns_nameservers=_dns(body),
        host_routes=_routes(body), revision_number=1)
    session.add(row)
    session.flush()
    if row.enable_dhcp:
        _add_dhcp_address(session, row, net_row, dhcp_host(ctx))
    return to_dict(row)


def dhcp_port(session, network_id):
    table = models.Port
    return session.execute(sa.select(table).where(
        table.network_id == network_id,
        table.device_owner == DHCP_OWNER)).scalars().first()


def dhcp_host(ctx):
    """The host DHCP ports are bound to: this network service's."""
    return getattr(ctx.conf, 'host', None) or 'network-host'


def _add_dhcp_address(session, subnet, net_row, host):
    """The network's DHCP port (made on first need) takes the subnet's
    first free address: the DHCP server's."""
    port = dhcp_port(session, net_row.id)
    if port is None:
        port = port_obj.new_dhcp_port(session, net_row, host)
    ipam.allocate(session, subnet, port.id, first_free=True)
    base.bump(port)


def _drop_dhcp_address(session, subnet):
    port = dhcp_port(session, subnet.network_id)
    if port is None:
        return
    table = models.IPAllocation
    session.execute(sa.delete(table).where(table.port_id == port.id,
                                           table.subnet_id == subnet.id))
    left = session.execute(sa.select(sa.func.count()).where(
        table.port_id == port.id)).scalar()
    if not left:
        session.delete(port)


def update(ctx, subnet_id, body, check_owner=None):
    base.check_keys(body, ATTRIBUTES, 'subnet')
    fixed = sorted(set(body) - set(UPDATABLE))
    if fixed:
        raise errors.bad_request(fixed[0], 'Cannot update read-only '
                                 'attribute %s' % fixed[0])
    with ctx.db.writer() as session:
        row = get_row(session, ctx, subnet_id)
        if check_owner is not None:
            check_owner(row)
        net = ipaddress.ip_network(row.cidr)
        for key in ('name', 'description'):
            if key in body:
                setattr(row, key, base.string(body, key))
        if 'gateway_ip' in body:
            row.gateway_ip = _gateway(body, net)
        if 'allocation_pools' in body:
            row.allocation_pools = ipam.validate_pools(
                net, body['allocation_pools'], row.gateway_ip)
        if 'dns_nameservers' in body:
            row.dns_nameservers = _dns(body)
        if 'host_routes' in body:
            row.host_routes = _routes(body)
        if 'enable_dhcp' in body:
            enable = base.boolean(body, 'enable_dhcp')
            if enable and not row.enable_dhcp:
                _add_dhcp_address(session, row, session.get(
                    models.Network, row.network_id), dhcp_host(ctx))
            elif row.enable_dhcp and not enable:
                _drop_dhcp_address(session, row)
            row.enable_dhcp = enable
        base.bump(row)
        session.flush()
        return to_dict(row)


def delete(ctx, subnet_id, check_owner=None):
    """Delete a subnet no port but the DHCP port has an address of.

    :returns: the subnet's network id.
    :raises: SubnetInUse.
    """
    with ctx.db.writer() as session:
        row = get_row(session, ctx, subnet_id)
        if check_owner is not None:
            check_owner(row)
        alloc, ports = models.IPAllocation, models.Port
        in_use = session.execute(
            sa.select(sa.func.count()).select_from(alloc).join(
                ports, ports.id == alloc.port_id).where(
                alloc.subnet_id == subnet_id,
                ports.device_owner != DHCP_OWNER)).scalar()
        if in_use:
            raise errors.SubnetInUse(subnet_id=subnet_id)
        _drop_dhcp_address(session, row)
        session.delete(row)
        return row.network_id
