# SPDX-License-Identifier: Apache-2.0
"""network_info (model.py's VIF dicts) and DHCP views from the database.

The manager answers compute hosts with these, and the DHCP seam hands the
same network dicts, plus the hosts DHCP serves, to the DHCP driver.
"""


import sqlalchemy as sa

from nova_like.network.db import models
from nova_like.network import model
from nova_like.network.objects import port as port_obj
from nova_like.network.objects import security_group as sg_obj

DHCP_OWNER = 'network:dhcp'


def _subnets(session, network_id):
    table = models.Subnet
    return session.execute(sa.select(table).where(
        table.network_id == network_id).order_by(
        table.created_at, table.id)).scalars().all()


def _dhcp_servers(session, network_id):
    """{subnet_id: DHCP server address} of the network's DHCP port."""
    alloc, ports = models.IPAllocation, models.Port
    return dict(session.execute(
        sa.select(alloc.subnet_id, alloc.ip_address).join(
            ports, ports.id == alloc.port_id).where(
            ports.network_id == network_id,
            ports.device_owner == DHCP_OWNER)).all())


def peers(session, net_row, asking_ip, network_host_ip, servers=None):
    """VXLAN endpoints of the other hosts on the network.

    The local_ips of hosts with ports bound on it, and the network host's
    own when it serves DHCP there, never asking_ip itself.

    :param servers: the network's _dhcp_servers when the caller has them.
    """
    ports, hosts = models.Port, models.Host
    found = set(session.execute(
        sa.select(hosts.local_ip).join(ports, ports.host_id == hosts.host)
        .where(ports.network_id == net_row.id,
               ports.device_owner != DHCP_OWNER)).scalars())
    if servers is None and network_host_ip:
        servers = _dhcp_servers(session, net_row.id)
    if network_host_ip and servers:
        found.add(network_host_ip)
    found.discard(asking_ip)
    return sorted(found)


def network_dict(session, net_row, port_ips=(), peer_ips=(), servers=None):
    """A VIF's 'network': its subnets with the port's addresses in 'ips'.

    :param port_ips: the port's fixed IPs [{'subnet_id', 'ip_address'}].
    :param servers: the network's _dhcp_servers when the caller has them.
    """
    if servers is None:
        servers = _dhcp_servers(session, net_row.id)
    subnets = []
    for subnet in _subnets(session, net_row.id):
        subnets.append({
            'id': subnet.id, 'cidr': subnet.cidr, 'version': 4,
            'gateway': subnet.gateway_ip, 'dns': list(subnet.dns_nameservers),
            'routes': [dict(route) for route in subnet.host_routes],
            'dhcp_server': servers.get(subnet.id) if subnet.enable_dhcp
            else None,
            'ips': [{'address': ip['ip_address'], 'type': 'fixed',
                     'version': 4}
                    for ip in port_ips if ip['subnet_id'] == subnet.id]})
    return {'id': net_row.id, 'label': net_row.name,
            'tenant_id': net_row.project_id,
            'bridge': model.bridge_name(net_row.id), 'mtu': net_row.mtu,
            'network_type': net_row.network_type,
            'segmentation_id': net_row.segmentation_id,
            'physical_network': net_row.physical_network,
            'peers': list(peer_ips), 'subnets': subnets}


def members(session, group_ids):
    """{group id: [member addresses]} of ports in the groups."""
    found = {group_id: [] for group_id in group_ids}
    if group_ids:
        bound, alloc = models.PortSecurityGroup, models.IPAllocation
        for group_id, address in session.execute(
                sa.select(bound.security_group_id, alloc.ip_address).join(
                    alloc, alloc.port_id == bound.port_id).where(
                    bound.security_group_id.in_(group_ids))):
            found[group_id].append(address)
    return found


def _prefixes(rule):
    if rule.remote_group_id:
        # The host holds the group's members apart (an nft set filled by
        # refresh_security_group_members): a VIF never lists them, or
        # every server's network_info would grow with its group.
        return None
    if rule.remote_ip_prefix:
        return [sg_obj.normalized(rule.remote_ip_prefix)]
    return ['0.0.0.0/0' if rule.ethertype == 'IPv4' else '::/0']


def security_groups(session, group_ids):
    """The groups with their rules; a rule's remote is prefixes, or a
    remote group (whose members the hosts are sent apart)."""
    if not group_ids:
        return []
    groups = session.execute(sa.select(models.SecurityGroup).where(
        models.SecurityGroup.id.in_(group_ids))).scalars().all()
    table = models.SecurityGroupRule
    rules = session.execute(sa.select(table).where(
        table.security_group_id.in_(group_ids))).scalars().all()
    resolved = []
    for group in sorted(groups, key=lambda g: g.id):
        resolved.append({'id': group.id, 'name': group.name, 'rules': [
            {'direction': rule.direction, 'ethertype': rule.ethertype,
             'protocol': rule.protocol,
             'port_range_min': rule.port_range_min,
             'port_range_max': rule.port_range_max,
             'remote_group_id': rule.remote_group_id,
             'remote_ip_prefixes': _prefixes(rule)}
            for rule in rules if rule.security_group_id == group.id]})
    return resolved


def vif(session, port_row, asking_ip=None, network_host_ip=None):
    """The network_info entry of a port."""
    net_row = session.get(models.Network, port_row.network_id)
    ips = port_obj.fixed_ips_of(session, [port_row.id])[port_row.id]
    groups = port_obj.groups_of(session, [port_row.id])[port_row.id]
    servers = _dhcp_servers(session, net_row.id)
    peer_ips = peers(session, net_row, asking_ip, network_host_ip,
                     servers) if net_row.network_type == 'vxlan' else []
    return {'id': port_row.id, 'address': port_row.mac_address,
            'devname': model.tap_name(port_row.id), 'type': 'bridge',
            'active': port_row.status == 'ACTIVE',
            'preserve_on_delete': port_row.preserve_on_delete,
            'tag': port_row.tag,
            'network': network_dict(session, net_row, ips, peer_ips,
                                    servers),
            'security_groups': security_groups(
                session, groups) if port_row.port_security_enabled else []}


def dhcp_network(session, network_id, network_host_ip=None):
    """What the DHCP driver syncs: the network dict (the DHCP port's
    addresses in its subnets' 'ips') and 'hosts' [{'mac', 'ip',
    'hostname'}] of every other port with an address; None when the
    network is gone or has no DHCP-enabled subnet."""
    net_row = session.get(models.Network, network_id)
    if net_row is None:
        return None
    ports = session.execute(sa.select(models.Port).where(
        models.Port.network_id == network_id)).scalars().all()
    dhcp = [p for p in ports if p.device_owner == DHCP_OWNER]
    if not dhcp:
        return None
    ips = port_obj.fixed_ips_of(session, [p.id for p in ports])
    peer_ips = peers(session, net_row, network_host_ip, None) \
        if net_row.network_type == 'vxlan' else []
    view = network_dict(session, net_row, ips[dhcp[0].id], peer_ips)
    enabled = {s['id'] for s in view['subnets'] if s['dhcp_server']}
    view['dhcp_port'] = {'id': dhcp[0].id, 'mac': dhcp[0].mac_address}
    view['hosts'] = sorted(
        ({'mac': p.mac_address, 'ip': ip['ip_address'],
          'hostname': 'host-%s' % ip['ip_address'].replace('.', '-')}
         for p in ports if p.device_owner != DHCP_OWNER
         for ip in ips[p.id] if ip['subnet_id'] in enabled),
        key=lambda h: h['ip'])
    return view


def dhcp_network_ids(session):
    """Every network with a DHCP port."""
    table = models.Port
    return sorted(set(session.execute(sa.select(table.network_id).where(
        table.device_owner == DHCP_OWNER)).scalars()))
