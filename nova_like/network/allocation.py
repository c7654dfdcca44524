# SPDX-License-Identifier: Apache-2.0
"""Ports of servers: what a boot asks for, made or taken, bound, released.

The manager's RPC methods hand off here. Each write is one transaction:
a boot asking for three ports gets three or none. Afterwards the network
service tells the DHCP seam about every network touched and, when the set
of hosts on a network changed, every other host on it (refresh_network)
so that their VXLAN peers follow.
"""

import ipaddress

import sqlalchemy as sa

from nova_like import exception
from nova_like.network.db import api as db_api
from nova_like.network.db import models
from nova_like.network import ipam
from nova_like.network.objects import network as network_obj
from nova_like.network.objects import port as port_obj
from nova_like.network.objects import security_group as sg_obj
from nova_like.network.objects import subnet as subnet_obj
from nova_like.network import quota

COMPUTE_OWNER = 'compute:nova'
AUTO_NETWORK = 'auto_allocated_network'


def instance_ports(session, instance_uuid):
    table = models.Port
    return session.execute(sa.select(table).where(
        table.device_id == instance_uuid,
        table.device_owner.like('compute:%')).order_by(
        table.created_at, table.id)).scalars().all()


def bound_instances(session):
    """{instance uuid: [port ids]} of every port a server holds."""
    table = models.Port
    bound = {}
    for device_id, port_id in session.execute(
            sa.select(table.device_id, table.id).where(
                table.device_owner.like('compute:%'),
                table.device_id != '').order_by(table.id)):
        bound.setdefault(device_id, []).append(port_id)
    return bound


def hosts_on(session, network_id):
    """{host: local_ip} of hosts with non-DHCP ports bound on network."""
    ports, hosts = models.Port, models.Host
    return dict(session.execute(
        sa.select(hosts.host, hosts.local_ip).join(
            ports, ports.host_id == hosts.host).where(
            ports.network_id == network_id,
            ports.device_owner != 'network:dhcp')).all())


def record_host(session, host, local_ip):
    """Remember host's VXLAN endpoint (it may change on a restart).

    Two first builds of a host may race to add its row: the loser (a
    duplicate) finds the winner's row and carries on.
    """
    row = session.get(models.Host, host)
    if row is None:
        try:
            with session.begin_nested():
                session.add(models.Host(host=host, local_ip=local_ip))
            return
        except sa.exc.IntegrityError as exc:
            if not db_api.is_duplicate(exc):
                raise
        row = session.get(models.Host, host, populate_existing=True)
    if row.local_ip != local_ip:
        row.local_ip = local_ip


def available_networks(session, ctx):
    """The project's own and shared networks, not external ones, oldest
    first."""
    table = models.Network
    return session.execute(sa.select(table).where(
        sa.or_(table.project_id == ctx.project_id, table.shared),
        sa.not_(table.external)).order_by(
        table.created_at, table.id)).scalars().all()


def _only_network(session, ctx):
    """None when the project has no network, its one network's id, or
    NetworkAmbiguous."""
    nets = available_networks(session, ctx)
    if len(nets) > 1:
        raise exception.NetworkAmbiguous()
    return nets[0].id if nets else None


def _auto_network(session, ctx):
    """networks=auto: the one available network, else the project's
    auto-allocated one, made now with a subnet of the configured pool."""
    nets = available_networks(session, ctx)
    if len(nets) == 1:
        return nets[0].id
    for net in nets:
        if net.name == AUTO_NETWORK and net.project_id == ctx.project_id:
            return net.id
    view = network_obj.create(ctx, {
        'name': AUTO_NETWORK, 'project_id': ctx.project_id,
        'provider:network_type': 'vxlan'}, session)
    subnet_obj.create(ctx, {
        'network_id': view['id'], 'name': AUTO_NETWORK + '_subnet',
        'project_id': ctx.project_id,
        'cidr': _free_auto_cidr(session, ctx.conf.network)}, session)
    return view['id']


def _free_auto_cidr(session, conf):
    pool = ipam.parse_cidr(conf.auto_allocate_pool)
    used = set(session.execute(sa.select(models.Subnet.cidr).where(
        models.Subnet.name == AUTO_NETWORK + '_subnet')).scalars())
    for candidate in pool.subnets(new_prefix=conf.auto_allocate_prefixlen):
        if str(candidate) not in used:
            return str(candidate)
    raise exception.Invalid('[network] auto_allocate_pool %s has no free '
                            '/%d left' % (pool, conf.auto_allocate_prefixlen))


def requests(session, ctx, requested_networks, create=False):
    """The boot's requests as [{'network_id', 'port_id', 'fixed_ip',
    'tag'}]: None, 'auto' and 'none' resolved.

    :param create: make the auto-allocated network when 'auto' needs it.
    """
    if requested_networks is None:
        net_id = _only_network(session, ctx)
        return [] if net_id is None else [_request(net_id)]
    if len(requested_networks) == 1 and \
            requested_networks[0].get('network_id') in ('auto', 'none'):
        if requested_networks[0]['network_id'] == 'none':
            return []
        if not create:
            nets = available_networks(session, ctx)
            return [_request(nets[0].id)] if len(nets) == 1 else []
        return [_request(_auto_network(session, ctx))]
    return [dict(_request(None), **{k: v for k, v in entry.items()
                                    if v is not None})
            for entry in requested_networks]


def _request(network_id):
    return {'network_id': network_id, 'port_id': None, 'fixed_ip': None,
            'tag': None}


def _user_port(session, ctx, port_id, instance_uuid):
    row = session.get(models.Port, port_id)
    if row is None or not (ctx.admin or row.project_id == ctx.project_id):
        raise exception.PortNotFound(port_id=port_id)
    if row.device_id and row.device_id != instance_uuid:
        raise exception.PortInUse(port_id=port_id, net_id=row.network_id,
                                  device_id=row.device_id)
    return row


def _network(session, ctx, network_id):
    row = network_obj.get_row(session, ctx, network_id)
    has_subnet = session.execute(sa.select(sa.func.count()).where(
        models.Subnet.network_id == row.id)).scalar()
    if not has_subnet:
        raise exception.NetworkRequiresSubnet(net_id=row.id)
    return row


def validate(session, ctx, requested_networks, num_instances):
    """How many of num_instances the port quota lets boot; raises what
    is wrong with the request (see NetworkAPI.validate_networks)."""
    wanted = requests(session, ctx, requested_networks)
    new_ports = 0
    for entry in wanted:
        if entry['port_id']:
            _user_port(session, ctx, entry['port_id'], None)
            continue
        net = _network(session, ctx, entry['network_id'])
        new_ports += 1
        if entry['fixed_ip']:
            if num_instances > 1:
                raise exception.Invalid(
                    'fixed IP %s was asked for %d servers; a fixed IP is '
                    'for one server' % (entry['fixed_ip'], num_instances))
            _check_fixed_ip(session, net, entry['fixed_ip'])
    if not new_ports:
        return num_instances
    room = quota.headroom(session, ctx.project_id, 'port')
    if room is None:
        return num_instances
    return min(num_instances, room // new_ports)


def _check_fixed_ip(session, net, address):
    ip = ipam.parse_ip(address, 'fixed_ip')
    for subnet in session.execute(sa.select(models.Subnet).where(
            models.Subnet.network_id == net.id)).scalars():
        if ip in ipaddress.ip_network(subnet.cidr):
            taken = session.execute(sa.select(sa.func.count()).where(
                models.IPAllocation.network_id == net.id,
                models.IPAllocation.ip_address == str(ip))).scalar()
            if taken:
                raise exception.IpAddressAlreadyAllocated(
                    ip=str(ip), subnet_id=subnet.id)
            return
    raise exception.Invalid('fixed IP %s is in no subnet of network %s'
                            % (ip, net.id))


def resolve_groups(session, ctx, names):
    """Ids of the security groups named (names or ids) in the project;
    None means the default group."""
    if not names:
        return [sg_obj.ensure_default(session, ctx.project_id)]
    found = []
    table = models.SecurityGroup
    for name in names:
        if name == sg_obj.DEFAULT:
            found.append(sg_obj.ensure_default(session, ctx.project_id))
            continue
        rows = session.execute(sa.select(table).where(
            table.project_id == ctx.project_id,
            sa.or_(table.id == name, table.name == name))).scalars().all()
        if not rows:
            raise exception.SecurityGroupNotFound(id=name)
        if len(rows) > 1:
            raise exception.Conflict('security group name %s is ambiguous '
                                     'in project %s: use its id'
                                     % (name, ctx.project_id))
        found.append(rows[0].id)
    return list(dict.fromkeys(found))


def bind(session, ctx, instance_uuid, host, entry, group_ids):
    """One port for the instance from entry, bound to host; its row."""
    if entry['port_id']:
        row = _user_port(session, ctx, entry['port_id'], instance_uuid)
        row.device_id = instance_uuid
        row.device_owner = COMPUTE_OWNER
        row.host_id = host
        row.status = 'ACTIVE'
        row.preserve_on_delete = True
        row.tag = entry.get('tag')
        row.revision_number += 1
        return row
    net = _network(session, ctx, entry['network_id'])
    body = {'network_id': net.id, 'device_id': instance_uuid,
            'device_owner': COMPUTE_OWNER, 'binding:host_id': host,
            'project_id': ctx.project_id, 'security_groups': group_ids}
    if entry['fixed_ip']:
        body['fixed_ips'] = [{'ip_address': entry['fixed_ip']}]
    row = port_obj.create_row(ctx, body, session)
    row.tag = entry.get('tag')
    return row


def release(session, rows):
    """Delete the ports the service made, unbind the user's own."""
    made = [row.id for row in rows if not row.preserve_on_delete]
    for row in rows:
        if row.preserve_on_delete:
            row.device_id = ''
            row.device_owner = ''
            row.host_id = ''
            row.status = 'DOWN'
            row.preserve_on_delete = False
            row.tag = None
            row.revision_number += 1
    port_obj.delete_rows(session, made)
