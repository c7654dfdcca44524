# SPDX-License-Identifier: Apache-2.0
"""Networks: create with a segment, read, update, delete."""

import sqlalchemy as sa

from nova_like import exception
from nova_like.network.db import models
from nova_like.network import errors
from nova_like.network.objects import base
from nova_like.network import quota
from nova_like.network import segments

ATTRIBUTES = (
    'name', 'description', 'admin_state_up', 'shared', 'router:external',
    'mtu', 'provider:network_type', 'provider:physical_network',
    'provider:segmentation_id', 'project_id', 'tenant_id',
    'port_security_enabled', 'availability_zone_hints', 'is_default',
    'dns_domain', 'qos_policy_id')
UPDATABLE = ('name', 'description', 'admin_state_up', 'shared',
             'router:external', 'mtu', 'port_security_enabled')
VXLAN_OVERHEAD = 50


def to_dict(row, subnet_ids):
    view = base.common(row)
    view.update({
        'name': row.name, 'description': row.description,
        'admin_state_up': row.admin_state_up, 'status': 'ACTIVE',
        'shared': row.shared, 'router:external': row.external,
        'mtu': row.mtu, 'subnets': sorted(subnet_ids),
        'provider:network_type': row.network_type,
        'provider:physical_network': row.physical_network,
        'provider:segmentation_id': row.segmentation_id,
        'port_security_enabled': True, 'availability_zones': ['nova'],
        'availability_zone_hints': [], 'ipv4_address_scope': None,
        'ipv6_address_scope': None, 'is_default': False,
        'l2_adjacency': True, 'qos_policy_id': None, 'dns_domain': '',
    })
    return view


def _subnet_ids(session, network_ids):
    found = {net_id: [] for net_id in network_ids}
    if network_ids:
        table = models.Subnet
        for subnet_id, net_id in session.execute(
                sa.select(table.id, table.network_id).where(
                    table.network_id.in_(network_ids))):
            found[net_id].append(subnet_id)
    return found


def visible(ctx):
    """The where clause of the networks ctx may see."""
    table = models.Network
    if ctx.admin:
        return sa.true()
    return sa.or_(table.project_id == ctx.project_id, table.shared,
                  table.external)


def get_row(session, ctx, network_id):
    row = session.get(models.Network, network_id)
    if row is None or not (ctx.admin or row.project_id == ctx.project_id
                           or row.shared or row.external):
        raise exception.NetworkNotFound(net_id=network_id)
    return row


def get(ctx, network_id):
    with ctx.db.reader() as session:
        row = get_row(session, ctx, network_id)
        return to_dict(row, _subnet_ids(session, [row.id])[row.id])


def list_all(ctx):
    with ctx.db.reader() as session:
        rows = session.execute(sa.select(models.Network).where(
            visible(ctx))).scalars().all()
        subnets = _subnet_ids(session, [row.id for row in rows])
        return [to_dict(row, subnets[row.id]) for row in rows]


def _mtu(conf, network_type, asked):
    physical = conf.global_physnet_mtu
    most = physical - VXLAN_OVERHEAD if network_type == 'vxlan' else \
        physical
    if asked is None:
        return most
    if asked > most:
        raise errors.bad_request(
            'mtu', 'Requested MTU is too big, maximum is %d' % most)
    return asked


def create(ctx, body, session=None):
    """A new network with its segment; its view.

    :param session: a writer session to join (the manager's auto
        allocation), else one of its own.
    """
    base.check_keys(body, ATTRIBUTES, 'network')
    if session is None:
        with ctx.db.writer() as session:
            return create(ctx, body, session)
    conf = ctx.conf.network
    project_id = base.owner(ctx, body)
    network_type = body.get('provider:network_type') or \
        conf.tenant_network_type
    seg_id = base.integer(body, 'provider:segmentation_id')
    mtu = base.integer(body, 'mtu', minimum=68)
    row = models.Network(
        id=base.new_id(), project_id=project_id,
        name=base.string(body, 'name'),
        description=base.string(body, 'description'),
        admin_state_up=base.boolean(body, 'admin_state_up', True),
        shared=base.boolean(body, 'shared', False),
        external=base.boolean(body, 'router:external', False),
        mtu=_mtu(conf, network_type, mtu),
        network_type=network_type, revision_number=1)
    quota.check(session, project_id, 'network')
    row.physical_network, row.segmentation_id = segments.allocate(
        session, conf, row.id, network_type,
        body.get('provider:physical_network'), seg_id)
    session.add(row)
    session.flush()
    return to_dict(row, [])


def update(ctx, network_id, body):
    base.check_keys(body, ATTRIBUTES, 'network')
    fixed = set(body) - set(UPDATABLE)
    if fixed:
        raise errors.bad_request(
            sorted(fixed)[0], 'Cannot update read-only attribute %s'
            % sorted(fixed)[0])
    with ctx.db.writer() as session:
        row = get_row(session, ctx, network_id)
        if 'name' in body:
            row.name = base.string(body, 'name')
        if 'description' in body:
            row.description = base.string(body, 'description')
        if 'admin_state_up' in body:
            row.admin_state_up = base.boolean(body, 'admin_state_up')
        if 'shared' in body:
            row.shared = base.boolean(body, 'shared')
        if 'router:external' in body:
            row.external = base.boolean(body, 'router:external')
        if 'mtu' in body:
            row.mtu = _mtu(ctx.conf.network, row.network_type,
                           base.integer(body, 'mtu', minimum=68))
        base.bump(row)
        session.flush()
        return to_dict(row, _subnet_ids(session, [row.id])[row.id])


def delete(ctx, network_id):
    """Delete a network with no ports but DHCP ports (which go with it).

    :returns: the ids of the DHCP ports deleted.
    :raises: NetworkInUse.
    """
    with ctx.db.writer() as session:
        row = get_row(session, ctx, network_id)
        ports = models.Port
        owners = session.execute(sa.select(ports.id, ports.device_owner)
                                 .where(ports.network_id == network_id)).all()
        if any(owner != 'network:dhcp' for _, owner in owners):
            raise exception.NetworkInUse(net_id=network_id)
        port_ids = [port_id for port_id, _ in owners]
        if port_ids:
            for table in (models.IPAllocation, models.PortSecurityGroup):
                session.execute(sa.delete(table).where(
                    table.port_id.in_(port_ids)))
            session.execute(sa.delete(ports).where(ports.id.in_(port_ids)))
        session.execute(sa.delete(models.Subnet).where(
            models.Subnet.network_id == network_id))
        segments.release(session, network_id)
        session.delete(row)
        return port_ids


def get_for_policy(ctx, network_id):
    """The network's view whoever asks (a policy target needs its owner
    even when ctx cannot see it); {} when there is none."""
    if not network_id:
        return {}
    with ctx.db.reader() as session:
        row = session.get(models.Network, network_id)
        return to_dict(row, []) if row is not None else {}
