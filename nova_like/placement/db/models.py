# SPDX-License-Identifier: Apache-2.0
"""SQLAlchemy models of the Placement database."""

import sqlalchemy as sa
from sqlalchemy import orm

from nova_like.placement import util


class Base(orm.DeclarativeBase):
    pass


def _timestamps():
    return (sa.Column('created_at', sa.DateTime, default=util.utcnow),
            sa.Column('updated_at', sa.DateTime, onupdate=util.utcnow))


class ResourceProvider(Base):
    __tablename__ = 'resource_providers'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_resource_providers0uuid'),
        sa.UniqueConstraint('name', name='uniq_resource_providers0name'),
        sa.Index('resource_providers_root_provider_id_idx',
                 'root_provider_id'),
        sa.Index('resource_providers_parent_provider_id_idx',
                 'parent_provider_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(200), nullable=False)
    generation = sa.Column(sa.Integer, nullable=False, default=0)
    root_provider_id = sa.Column(sa.Integer, nullable=True)
    parent_provider_id = sa.Column(sa.Integer, nullable=True)
    created_at, updated_at = _timestamps()


class Inventory(Base):
    __tablename__ = 'inventories'
    __table_args__ = (
        sa.UniqueConstraint('resource_provider_id', 'resource_class_id',
                            name='uniq_inventories0resource_provider_resource_class'),
        sa.Index('inventories_resource_class_id_idx', 'resource_class_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    resource_provider_id = sa.Column(sa.Integer, nullable=False)
    resource_class_id = sa.Column(sa.Integer, nullable=False)
    total = sa.Column(sa.Integer, nullable=False)
    reserved = sa.Column(sa.Integer, nullable=False)
    min_unit = sa.Column(sa.Integer, nullable=False)
    max_unit = sa.Column(sa.Integer, nullable=False)
    step_size = sa.Column(sa.Integer, nullable=False)
    allocation_ratio = sa.Column(sa.Float, nullable=False)
    created_at, updated_at = _timestamps()


class Allocation(Base):
    __tablename__ = 'allocations'
    __table_args__ = (
        sa.Index('allocations_resource_provider_class_used_idx',
                 'resource_provider_id', 'resource_class_id', 'used'),
        sa.Index('allocations_resource_class_id_idx', 'resource_class_id'),
        sa.Index('allocations_consumer_id_idx', 'consumer_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    resource_provider_id = sa.Column(sa.Integer, nullable=False)
    consumer_id = sa.Column(sa.String(36), nullable=False)
    resource_class_id = sa.Column(sa.Integer, nullable=False)
    used = sa.Column(sa.Integer, nullable=False)
    created_at, updated_at = _timestamps()


class ResourceClass(Base):
    __tablename__ = 'resource_classes'
    __table_args__ = (
        sa.UniqueConstraint('name', name='uniq_resource_classes0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    name = sa.Column(sa.String(255), nullable=False)
    created_at, updated_at = _timestamps()


class Trait(Base):
    __tablename__ = 'traits'
    __table_args__ = (
        sa.UniqueConstraint('name', name='uniq_traits0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    created_at, updated_at = _timestamps()


class ResourceProviderTrait(Base):
    __tablename__ = 'resource_provider_traits'
    __table_args__ = (
        sa.Index('resource_provider_traits_resource_provider_trait_idx',
                 'resource_provider_id', 'trait_id'),
    )
    trait_id = sa.Column(sa.Integer, primary_key=True)
    resource_provider_id = sa.Column(sa.Integer, primary_key=True)
    created_at, updated_at = _timestamps()


class PlacementAggregate(Base):
    __tablename__ = 'placement_aggregates'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_placement_aggregates0uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)


class ResourceProviderAggregate(Base):
    __tablename__ = 'resource_provider_aggregates'
    __table_args__ = (
        sa.Index('resource_provider_aggregates_aggregate_id_idx',
                 'aggregate_id'),
    )
    resource_provider_id = sa.Column(sa.Integer, primary_key=True)
    aggregate_id = sa.Column(sa.Integer, primary_key=True)
    created_at, updated_at = _timestamps()


class Project(Base):
    __tablename__ = 'projects'
    __table_args__ = (
        sa.UniqueConstraint('external_id', name='uniq_projects0external_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    external_id = sa.Column(sa.String(255), nullable=False)
    created_at, updated_at = _timestamps()


class User(Base):
    __tablename__ = 'users'
    __table_args__ = (
        sa.UniqueConstraint('external_id', name='uniq_users0external_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    external_id = sa.Column(sa.String(255), nullable=False)
    created_at, updated_at = _timestamps()


class ConsumerType(Base):
    __tablename__ = 'consumer_types'
    __table_args__ = (
        sa.UniqueConstraint('name', name='uniq_consumer_types0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    created_at, updated_at = _timestamps()


class Consumer(Base):
    __tablename__ = 'consumers'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_consumers0uuid'),
        sa.Index('consumers_project_id_user_id_uuid_idx',
                 'project_id', 'user_id', 'uuid'),
        sa.Index('consumers_consumer_type_id_idx', 'consumer_type_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.Integer, nullable=False)
    user_id = sa.Column(sa.Integer, nullable=False)
    generation = sa.Column(sa.Integer, nullable=False, default=0)
    consumer_type_id = sa.Column(sa.Integer, nullable=True)
    created_at, updated_at = _timestamps()


class PlacementState(Base):
    """One row (id 1): version goes up by one in every write transaction."""
    __tablename__ = 'placement_state'
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    version = sa.Column(sa.BigInteger, nullable=False)


RP = ResourceProvider.__table__
INV = Inventory.__table__
ALLOC = Allocation.__table__
RC = ResourceClass.__table__
TRAIT = Trait.__table__
RP_TRAIT = ResourceProviderTrait.__table__
AGG = PlacementAggregate.__table__
RP_AGG = ResourceProviderAggregate.__table__
PROJECT = Project.__table__
USER = User.__table__
CONSUMER_TYPE = ConsumerType.__table__
CONSUMER = Consumer.__table__
STATE = PlacementState.__table__
