# SPDX-License-Identifier: Apache-2.0
"""SQLAlchemy models of the API database."""

import sqlalchemy as sa

from nova_like.db import base

Base = base.new_base()


class CellMapping(Base, base.TimestampMixin):
    __tablename__ = 'cell_mappings'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_cell_mappings0uuid'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    transport_url = sa.Column(sa.Text)
    database_connection = sa.Column(sa.Text)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)


class HostMapping(Base, base.TimestampMixin):
    __tablename__ = 'host_mappings'
    __table_args__ = (
        sa.UniqueConstraint('host', name='uniq_host_mappings0host'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    cell_id = sa.Column(sa.Integer, sa.ForeignKey('cell_mappings.id'),
                        nullable=False)
    host = sa.Column(sa.String(255), nullable=False)


class InstanceMapping(Base, base.TimestampMixin):
    __tablename__ = 'instance_mappings'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_mappings0instance_uuid'),
        sa.Index('instance_mappings_project_id_idx', 'project_id'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    cell_id = sa.Column(sa.Integer, sa.ForeignKey('cell_mappings.id'))
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255))
    queued_for_delete = sa.Column(sa.Boolean, nullable=False, default=False)
    # What the instance counts against its project's cores and ram quota.
    vcpus = sa.Column(sa.Integer, nullable=False, default=0,
                      server_default='0')
    memory_mb = sa.Column(sa.Integer, nullable=False, default=0,
                          server_default='0')


class Flavor(Base, base.TimestampMixin):
    __tablename__ = 'flavors'
    __table_args__ = (
        sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
        sa.UniqueConstraint('name', name='uniq_flavors0name'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    flavorid = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    root_gb = sa.Column(sa.Integer, nullable=False, default=0)
    ephemeral_gb = sa.Column(sa.Integer, nullable=False, default=0)
    swap = sa.Column(sa.Integer, nullable=False, default=0)
    rxtx_factor = sa.Column(sa.Float, nullable=False, default=1.0)
    vcpu_weight = sa.Column(sa.Integer)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    is_public = sa.Column(sa.Boolean, nullable=False, default=True)
    description = sa.Column(sa.Text)


class FlavorExtraSpec(Base, base.TimestampMixin):
    __tablename__ = 'flavor_extra_specs'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'key',
                            name='uniq_flavor_extra_specs0flavor_id0key'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    flavor_id = sa.Column(sa.Integer,
                          sa.ForeignKey('flavors.id', ondelete='CASCADE'),
                          nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255))


class FlavorProject(Base, base.TimestampMixin):
    __tablename__ = 'flavor_projects'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'project_id',
                            name='uniq_flavor_projects0flavor_id0project_id'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    flavor_id = sa.Column(sa.Integer,
                          sa.ForeignKey('flavors.id', ondelete='CASCADE'),
                          nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)


class RequestSpec(Base, base.TimestampMixin):
    __tablename__ = 'request_specs'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_request_specs0instance_uuid'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    spec = sa.Column(sa.Text, nullable=False)


class BuildRequest(Base, base.TimestampMixin):
    __tablename__ = 'build_requests'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_build_requests0instance_uuid'),
        sa.Index('build_requests_project_id_idx', 'project_id'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    instance = sa.Column(sa.Text, nullable=False)
    tags = sa.Column(sa.Text)


class KeyPair(Base, base.TimestampMixin):
    __tablename__ = 'key_pairs'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name',
                            name='uniq_key_pairs0user_id0name'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    fingerprint = sa.Column(sa.String(255))
    public_key = sa.Column(sa.Text)
    type = sa.Column(sa.Enum('ssh', 'x509', name='keypair_types'),
                     nullable=False, server_default='ssh')


class Quota(Base, base.TimestampMixin):
    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class Aggregate(Base, base.TimestampMixin):
    __tablename__ = 'aggregates'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_aggregates0uuid'),
        sa.UniqueConstraint('name', name='uniq_aggregate0name'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)


class AggregateHost(Base, base.TimestampMixin):
    __tablename__ = 'aggregate_hosts'
    __table_args__ = (
        sa.UniqueConstraint('host', 'aggregate_id',
                            name='uniq_aggregate_hosts0host0aggregate_id'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    host = sa.Column(sa.String(255), nullable=False)
    aggregate_id = sa.Column(
        sa.Integer, sa.ForeignKey('aggregates.id', ondelete='CASCADE'),
        nullable=False)


class AggregateMetadata(Base, base.TimestampMixin):
    __tablename__ = 'aggregate_metadata'
    __table_args__ = (
        sa.UniqueConstraint('aggregate_id', 'key',
                            name='uniq_aggregate_metadata0aggregate_id0key'),
        sa.Index('aggregate_metadata_key_idx', 'key'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    aggregate_id = sa.Column(
        sa.Integer, sa.ForeignKey('aggregates.id', ondelete='CASCADE'),
        nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255), nullable=False)


class InstanceGroup(Base, base.TimestampMixin):
    __tablename__ = 'instance_groups'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    # Bumped by every late check that places a member: the compare-and-swap
    # that keeps concurrent builds from both taking one host.
    generation = sa.Column(sa.Integer, nullable=False, default=0)


class InstanceGroupPolicy(Base, base.TimestampMixin):
    __tablename__ = 'instance_group_policy'
    __table_args__ = (
        sa.Index('instance_group_policy_policy_idx', 'policy'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    policy = sa.Column(sa.String(255))
    rules = sa.Column(sa.Text)
    group_id = sa.Column(sa.Integer,
                         sa.ForeignKey('instance_groups.id',
                                       ondelete='CASCADE'),
                         nullable=False)


class InstanceGroupMember(Base, base.TimestampMixin):
    __tablename__ = 'instance_group_member'
    __table_args__ = (
        sa.UniqueConstraint('group_id', 'instance_uuid',
                            name='uniq_instance_group_member0group0instance'),
        sa.Index('instance_group_member_instance_idx', 'instance_uuid'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(255), nullable=False)
    # The host the late check confirmed (None until the build reaches one).
    host = sa.Column(sa.String(255))
    group_id = sa.Column(sa.Integer,
                         sa.ForeignKey('instance_groups.id',
                                       ondelete='CASCADE'),
                         nullable=False)
