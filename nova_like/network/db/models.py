# SPDX-License-Identifier: Apache-2.0
"""SQLAlchemy models of the network database.

Races are settled by unique constraints, not locks: an address is unique
per network (ip_allocations), a segmentation id per type and physical
network (segment_allocations), a MAC per network, a default security
group per project. Writers insert a candidate and try another on a
duplicate.
"""

import datetime

import sqlalchemy as sa
from sqlalchemy import orm


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None, microsecond=0)


class Base(orm.DeclarativeBase):
    pass


def _timestamps():
    return (sa.Column('created_at', sa.DateTime, default=utcnow),
            sa.Column('updated_at', sa.DateTime, default=utcnow,
                      onupdate=utcnow))


class Network(Base):
    __tablename__ = 'networks'
    __table_args__ = (
        sa.Index('networks_project_id_idx', 'project_id'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False, default='')
    description = sa.Column(sa.String(255), nullable=False, default='')
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)
    shared = sa.Column(sa.Boolean, nullable=False, default=False)
    external = sa.Column(sa.Boolean, nullable=False, default=False)
    mtu = sa.Column(sa.Integer, nullable=False)
    network_type = sa.Column(sa.String(16), nullable=False)
    physical_network = sa.Column(sa.String(64), nullable=True)
    segmentation_id = sa.Column(sa.Integer, nullable=True)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)
    created_at, updated_at = _timestamps()


class SegmentAllocation(Base):
    """A taken (type, physical network, id): '' for vxlan's physical
    network, 0 for a flat network's id (one flat network per physnet)."""
    __tablename__ = 'segment_allocations'
    __table_args__ = (
        sa.UniqueConstraint(
            'network_type', 'physical_network', 'segmentation_id',
            name='uniq_segment_allocations0type0physnet0id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    network_type = sa.Column(sa.String(16), nullable=False)
    physical_network = sa.Column(sa.String(64), nullable=False)
    segmentation_id = sa.Column(sa.Integer, nullable=False)
    network_id = sa.Column(sa.String(36), nullable=False)


class Subnet(Base):
    __tablename__ = 'subnets'
    __table_args__ = (
        sa.Index('subnets_network_id_idx', 'network_id'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    network_id = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False, default='')
    description = sa.Column(sa.String(255), nullable=False, default='')
    ip_version = sa.Column(sa.Integer, nullable=False, default=4)
    cidr = sa.Column(sa.String(64), nullable=False)
    gateway_ip = sa.Column(sa.String(64), nullable=True)
    enable_dhcp = sa.Column(sa.Boolean, nullable=False, default=True)
    allocation_pools = sa.Column(sa.JSON, nullable=False)
    dns_nameservers = sa.Column(sa.JSON, nullable=False)
    host_routes = sa.Column(sa.JSON, nullable=False)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)
    created_at, updated_at = _timestamps()


class Port(Base):
    __tablename__ = 'ports'
    __table_args__ = (
        sa.UniqueConstraint('network_id', 'mac_address',
                            name='uniq_ports0network_id0mac_address'),
        sa.Index('ports_device_id_idx', 'device_id'),
        sa.Index('ports_project_id_idx', 'project_id'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    network_id = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False, default='')
    description = sa.Column(sa.String(255), nullable=False, default='')
    mac_address = sa.Column(sa.String(32), nullable=False)
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)
    status = sa.Column(sa.String(16), nullable=False, default='DOWN')
    device_id = sa.Column(sa.String(255), nullable=False, default='')
    device_owner = sa.Column(sa.String(255), nullable=False, default='')
    host_id = sa.Column(sa.String(255), nullable=False, default='')
    port_security_enabled = sa.Column(sa.Boolean, nullable=False,
                                      default=True)
    # Made by the user, bound to a server: unbound, not deleted, with it.
    preserve_on_delete = sa.Column(sa.Boolean, nullable=False,
                                   default=False)
    tag = sa.Column(sa.String(255), nullable=True)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)
    created_at, updated_at = _timestamps()


class IPAllocation(Base):
    __tablename__ = 'ip_allocations'
    __table_args__ = (
        sa.UniqueConstraint('network_id', 'ip_address',
                            name='uniq_ip_allocations0network_id0ip_address'),
        sa.Index('ip_allocations_port_id_idx', 'port_id'),
        sa.Index('ip_allocations_subnet_id_idx', 'subnet_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    network_id = sa.Column(sa.String(36), nullable=False)
    subnet_id = sa.Column(sa.String(36), nullable=False)
    port_id = sa.Column(sa.String(36), nullable=False)
    ip_address = sa.Column(sa.String(64), nullable=False)


class SecurityGroup(Base):
    __tablename__ = 'security_groups'
    __table_args__ = (
        sa.Index('security_groups_project_id_idx', 'project_id'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False, default='')
    description = sa.Column(sa.String(255), nullable=False, default='')
    stateful = sa.Column(sa.Boolean, nullable=False, default=True)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)
    created_at, updated_at = _timestamps()


class DefaultSecurityGroup(Base):
    """The project's `default` group: its primary key makes it one."""
    __tablename__ = 'default_security_groups'
    project_id = sa.Column(sa.String(255), primary_key=True)
    security_group_id = sa.Column(sa.String(36), nullable=False)


class SecurityGroupRule(Base):
    __tablename__ = 'security_group_rules'
    __table_args__ = (
        sa.Index('security_group_rules_security_group_id_idx',
                 'security_group_id'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    security_group_id = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=False, default='')
    direction = sa.Column(sa.String(16), nullable=False)
    ethertype = sa.Column(sa.String(8), nullable=False)
    protocol = sa.Column(sa.String(40), nullable=True)
    port_range_min = sa.Column(sa.Integer, nullable=True)
    port_range_max = sa.Column(sa.Integer, nullable=True)
    remote_ip_prefix = sa.Column(sa.String(64), nullable=True)
    remote_group_id = sa.Column(sa.String(36), nullable=True)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)
    created_at, updated_at = _timestamps()


class PortSecurityGroup(Base):
    __tablename__ = 'port_security_groups'
    __table_args__ = (
        sa.Index('port_security_groups_security_group_id_idx',
                 'security_group_id'),
    )
    port_id = sa.Column(sa.String(36), primary_key=True)
    security_group_id = sa.Column(sa.String(36), primary_key=True)


class Quota(Base):
    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    limit = sa.Column(sa.Integer, nullable=False)


class Host(Base):
    """A host with ports bound to it, and its VXLAN endpoint."""
    __tablename__ = 'hosts'
    host = sa.Column(sa.String(255), primary_key=True)
    local_ip = sa.Column(sa.String(64), nullable=False)
    updated_at = sa.Column(sa.DateTime, default=utcnow, onupdate=utcnow)
