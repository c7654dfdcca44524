# SPDX-License-Identifier: Apache-2.0
"""SQLAlchemy models of the API database."""

import sqlalchemy as sa

from nova_like.db import base

Base = base.new_base()


class CellMapping(Base, base.TimestampMixin):
    __tablename__ = 'cell_mappings'
    __table_args__ = (sa.UniqueConstraint('uuid', name='uniq_cell_mappings0uuid'),
                      base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    transport_url = sa.Column(sa.Text)
    database_connection = sa.Column(sa.Text)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)


class HostMapping(Base, base.TimestampMixin):
    __tablename__ = 'host_mappings'
    __table_args__ = (sa.UniqueConstraint('host', name='uniq_host_mappings0host'),
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


class Flavor(Base, base.TimestampMixin):
    __tablename__ = 'flavors'
    __table_args__ = (sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
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
