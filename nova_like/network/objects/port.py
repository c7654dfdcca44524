# SPDX-License-Identifier: Apache-2.0
"""Ports: a MAC unique on the network, fixed IPs from IPAM, groups, binding.

A port is DOWN until it is bound to a host (binding:host_id), then ACTIVE.
"""

import ipaddress
import random
import re

import sqlalchemy as sa

from nova_like import exception
from nova_like.network.db import api as db_api
from nova_like.network.db import models
from nova_like.network import errors
from nova_like.network import ipam
from nova_like.network.objects import base
from nova_like.network.objects import network as network_obj
from nova_like.network.objects import security_group as sg_obj
from nova_like.network import quota

ATTRIBUTES = (
    'name', 'description', 'network_id', 'admin_state_up', 'mac_address',
    'fixed_ips', 'device_id', 'device_owner', 'binding:host_id',
    'binding:vnic_type', 'binding:profile', 'security_groups',
    'port_security_enabled', 'project_id', 'tenant_id',
    'allowed_address_pairs', 'extra_dhcp_opts', 'dns_name', 'qos_policy_id')
UPDATABLE = ('name', 'description', 'admin_state_up', 'fixed_ips',
             'device_id', 'device_owner', 'binding:host_id',
             'binding:vnic_type', 'binding:profile', 'security_groups',
             'port_security_enabled', 'allowed_address_pairs',
             'extra_dhcp_opts', 'dns_name', 'qos_policy_id')
MAC_PREFIX = 'fa:16:3e'
_MAC = re.compile(r'^([0-9a-f]{2}:){5}[0-9a-f]{2}$')
DHCP_OWNER = 'network:dhcp'


def to_dict(row, fixed_ips, group_ids):
    view = base.common(row)
    bound = bool(row.host_id)
    view.update({
        'name': row.name, 'description': row.description,
        'network_id': row.network_id, 'mac_address': row.mac_address,
        'admin_state_up': row.admin_state_up, 'status': row.status,
        'device_id': row.device_id, 'device_owner': row.device_owner,
        'fixed_ips': fixed_ips, 'security_groups': sorted(group_ids),
        'port_security_enabled': row.port_security_enabled,
        'binding:host_id': row.host_id,
        'binding:vif_type': 'bridge' if bound else 'unbound',
        'binding:vif_details': {'connectivity': 'l2'} if bound else {},
        'binding:vnic_type': 'normal', 'binding:profile': {},
        'allowed_address_pairs': [], 'extra_dhcp_opts': [],
        'dns_name': '', 'dns_assignment': [], 'qos_policy_id': None,
        'qos_network_policy_id': None, 'propagate_uplink_status': False,
        'ip_allocation': 'immediate', 'resource_request': None,
    })
    return view


def fixed_ips_of(session, port_ids):
    found = {port_id: [] for port_id in port_ids}
    if port_ids:
        table = models.IPAllocation
        for port_id, subnet_id, address in session.execute(
                sa.select(table.port_id, table.subnet_id, table.ip_address)
                .where(table.port_id.in_(port_ids)).order_by(table.id)):
            found[port_id].append({'subnet_id': subnet_id,
                                   'ip_address': address})
    return found


def groups_of(session, port_ids):
    found = {port_id: [] for port_id in port_ids}
    if port_ids:
        table = models.PortSecurityGroup
        for port_id, group_id in session.execute(
                sa.select(table.port_id, table.security_group_id).where(
                    table.port_id.in_(port_ids))):
            found[port_id].append(group_id)
    return found


def views(session, rows):
    ids = [row.id for row in rows]
    ips, groups = fixed_ips_of(session, ids), groups_of(session, ids)
    return [to_dict(row, ips[row.id], groups[row.id]) for row in rows]


def get_row(session, ctx, port_id):
    row = session.get(models.Port, port_id)
    if row is None or not (ctx.admin or row.project_id == ctx.project_id):
        if row is not None and not ctx.admin:
            net = session.get(models.Network, row.network_id)
            if net is not None and net.project_id == ctx.project_id:
                return row
        raise exception.PortNotFound(port_id=port_id)
    return row


def get(ctx, port_id):
    with ctx.db.reader() as session:
        return views(session, [get_row(session, ctx, port_id)])[0]


def list_all(ctx, where=()):
    with ctx.db.reader() as session:
        table = models.Port
        query = sa.select(table).where(*where)
        if not ctx.admin:
            own_nets = sa.select(models.Network.id).where(
                models.Network.project_id == ctx.project_id)
            query = query.where(sa.or_(table.project_id == ctx.project_id,
                                       table.network_id.in_(own_nets)))
        return views(session, session.execute(query).scalars().all())


def _random_mac():
    return '%s:%02x:%02x:%02x' % (MAC_PREFIX, random.randint(0, 255),
                                  random.randint(0, 255),
                                  random.randint(0, 255))


def _insert(session, row, mac):
    """Insert row with a MAC; a taken one raises MacAddressInUse when
    asked for, else another is drawn."""
    for _attempt in range(16):
        row.mac_address = mac or _random_mac()
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
            return
        except sa.exc.IntegrityError as exc:
            if not db_api.is_duplicate(exc):
                raise
            if mac:
                raise errors.MacAddressInUse(net_id=row.network_id, mac=mac)
    raise errors.MacAddressInUse(net_id=row.network_id, mac=row.mac_address)


def _subnets(session, network_id):
    table = models.Subnet
    return session.execute(sa.select(table).where(
        table.network_id == network_id).order_by(
        table.created_at, table.id)).scalars().all()


def _allocate_ips(session, row, requested):
    """Addresses for a port: those requested ([{subnet_id?, ip_address?}])
    or one from the first subnet that has one free."""
    subnets = _subnets(session, row.network_id)
    if requested is None:
        failure = None
        for subnet in subnets:
            try:
                with session.begin_nested():
                    ipam.allocate(session, subnet, row.id)
                return
            except exception.IpAddressGenerationFailure as exc:
                failure = exc
        if failure is not None:
            raise failure
        return
    if not isinstance(requested, list):
        raise errors.bad_request('fixed_ips', 'a list of {"subnet_id", '
                                 '"ip_address"}')
    by_id = {subnet.id: subnet for subnet in subnets}
    for entry in requested:
        if not isinstance(entry, dict) or not entry or \
                set(entry) - {'subnet_id', 'ip_address'}:
            raise errors.bad_request('fixed_ips', 'each entry has a '
                                     'subnet_id, an ip_address or both')
        subnet = _subnet_for(entry, by_id, row.network_id)
        ipam.allocate(session, subnet, row.id, entry.get('ip_address'))


def _subnet_for(entry, by_id, network_id):
    if entry.get('subnet_id'):
        subnet = by_id.get(entry['subnet_id'])
        if subnet is None:
            raise errors.bad_request(
                'fixed_ips', 'subnet %s is not a subnet of network %s'
                % (entry['subnet_id'], network_id))
        return subnet
    ip = ipam.parse_ip(entry['ip_address'], 'fixed_ips')
    for subnet in by_id.values():
        if ip in ipaddress.ip_network(subnet.cidr):
            return subnet
    raise errors.bad_request('fixed_ips', 'no subnet of network %s holds %s'
                             % (network_id, ip))


def _groups(session, ctx, row, body, port_security):
    asked = body.get('security_groups')
    if asked is None:
        if not port_security or row.device_owner.startswith('network:'):
            return []
        return [sg_obj.ensure_default(session, row.project_id)]
    if not isinstance(asked, list):
        raise errors.bad_request('security_groups', 'a list of ids')
    if asked and not port_security:
        raise errors.bad_request(
            'security_groups', 'Port has security group associated. '
            'Cannot disable port security or IP address until security '
            'group is removed')
    for group_id in asked:
        group = session.get(models.SecurityGroup, group_id)
        if group is None or not (ctx.admin or
                                 group.project_id == row.project_id):
            raise exception.SecurityGroupNotFound(id=group_id)
    return list(dict.fromkeys(asked))


def _set_groups(session, port_id, group_ids):
    table = models.PortSecurityGroup
    session.execute(sa.delete(table).where(table.port_id == port_id))
    for group_id in group_ids:
        session.add(table(port_id=port_id, security_group_id=group_id))


def _mac(body):
    mac = body.get('mac_address')
    if mac is None:
        return None
    mac = str(mac).lower()
    if not _MAC.match(mac) or int(mac[:2], 16) & 1:
        raise errors.bad_request('mac_address', "'%s' is not a valid "
                                 "unicast MAC address" % body['mac_address'])
    return mac


def create(ctx, body, session=None, network_check=None):
    """A new port on body['network_id']; its view.

    :param network_check: called with the network row (the handler's
        policy checks that need the network's owner).
    """
    if session is None:
        with ctx.db.writer() as session:
            return create(ctx, body, session, network_check)
    return views(session, [create_row(ctx, body, session,
                                      network_check)])[0]


def create_row(ctx, body, session, network_check=None):
    """A new port on body['network_id'] in session; its row (see
    create)."""
    base.check_keys(body, ATTRIBUTES, 'port')
    if not body.get('network_id'):
        raise errors.bad_request('network_id', 'network_id is required')
    net = network_obj.get_row(session, ctx, body['network_id'])
    if network_check is not None:
        network_check(net)
    project_id = base.owner(ctx, body)
    quota.check(session, project_id, 'port')
    host = base.string(body, 'binding:host_id')
    port_security = base.boolean(body, 'port_security_enabled', True)
    row = models.Port(
        id=base.new_id(), network_id=net.id, project_id=project_id,
        name=base.string(body, 'name'),
        description=base.string(body, 'description'),
        admin_state_up=base.boolean(body, 'admin_state_up', True),
        status='ACTIVE' if host else 'DOWN',
        device_id=base.string(body, 'device_id'),
        device_owner=base.string(body, 'device_owner'), host_id=host,
        port_security_enabled=port_security, revision_number=1,
        preserve_on_delete=bool(body.get('preserve_on_delete')))
    _insert(session, row, _mac(body))
    _allocate_ips(session, row, body.get('fixed_ips'))
    groups = _groups(session, ctx, row, body, port_security)
    _set_groups(session, row.id, groups)
    session.flush()
    return row


def new_dhcp_port(session, net_row, host):
    """The network's DHCP port, bound to the network host."""
    row = models.Port(
        id=base.new_id(), network_id=net_row.id,
        project_id=net_row.project_id, name='', description='',
        admin_state_up=True, status='ACTIVE',
        device_id='dhcp-%s' % net_row.id, device_owner=DHCP_OWNER,
        host_id=host, port_security_enabled=False,
        revision_number=1, preserve_on_delete=False)
    _insert(session, row, None)
    return row


def update(ctx, port_id, body, network_check=None):
    base.check_keys(body, ATTRIBUTES, 'port')
    fixed = sorted(set(body) - set(UPDATABLE))
    if fixed:
        raise errors.bad_request(fixed[0], 'Cannot update read-only '
                                 'attribute %s' % fixed[0])
    with ctx.db.writer() as session:
        row = get_row(session, ctx, port_id)
        if network_check is not None:
            network_check(session.get(models.Network, row.network_id))
        for key in ('name', 'description', 'device_id', 'device_owner'):
            if key in body:
                setattr(row, key, base.string(body, key))
        if 'admin_state_up' in body:
            row.admin_state_up = base.boolean(body, 'admin_state_up')
        if 'binding:host_id' in body:
            row.host_id = base.string(body, 'binding:host_id')
            row.status = 'ACTIVE' if row.host_id else 'DOWN'
        if 'port_security_enabled' in body:
            row.port_security_enabled = base.boolean(
                body, 'port_security_enabled')
        if 'fixed_ips' in body:
            ipam.release_port(session, row.id)
            session.flush()
            _allocate_ips(session, row, body['fixed_ips'] or [])
        if 'security_groups' in body:
            _set_groups(session, row.id, _groups(
                session, ctx, row, {'security_groups':
                                    body['security_groups'] or []},
                row.port_security_enabled))
        elif 'port_security_enabled' in body and \
                not row.port_security_enabled and \
                groups_of(session, [row.id])[row.id]:
            raise errors.bad_request(
                'port_security_enabled', 'Port has security group '
                'associated. Cannot disable port security until security '
                'group is removed')
        base.bump(row)
        session.flush()
        return views(session, [row])[0]


def delete_rows(session, port_ids):
    """Delete ports and free their addresses."""
    if not port_ids:
        return
    for table in (models.IPAllocation, models.PortSecurityGroup):
        session.execute(sa.delete(table).where(table.port_id.in_(port_ids)))
    session.execute(sa.delete(models.Port).where(
        models.Port.id.in_(port_ids)))


def delete(ctx, port_id):
    """Delete a port; its network id."""
    with ctx.db.writer() as session:
        row = get_row(session, ctx, port_id)
        delete_rows(session, [row.id])
        return row.network_id
