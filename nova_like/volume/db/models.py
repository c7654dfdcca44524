# SPDX-License-Identifier: Apache-2.0
"""SQLAlchemy models of the volume database.

A volume's status changes by compare-and-swap (UPDATE ... WHERE status IN
the states it may leave), never by read-modify-write; status_changed_at
is when it entered its status, which the deadline check reads.
Deleted volumes and snapshots leave no row.
"""

import datetime

import sqlalchemy as sa
from sqlalchemy import orm


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None)


class Base(orm.DeclarativeBase):
    pass


def _timestamps():
    return (sa.Column('created_at', sa.DateTime, default=utcnow),
            sa.Column('updated_at', sa.DateTime, nullable=True,
                      onupdate=utcnow))


class VolumeType(Base):
    __tablename__ = 'volume_types'
    __table_args__ = (
        sa.UniqueConstraint('name', name='uniq_volume_types0name'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=True)
    is_public = sa.Column(sa.Boolean, nullable=False, default=True)
    extra_specs = sa.Column(sa.JSON, nullable=False)
    created_at, updated_at = _timestamps()


class Volume(Base):
    __tablename__ = 'volumes'
    __table_args__ = (
        sa.Index('volumes_project_id_idx', 'project_id'),
        sa.Index('volumes_status_idx', 'status'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=True)
    name = sa.Column(sa.String(255), nullable=True)
    description = sa.Column(sa.String(255), nullable=True)
    size = sa.Column(sa.Integer, nullable=False)
    status = sa.Column(sa.String(32), nullable=False)
    status_changed_at = sa.Column(sa.DateTime, nullable=False,
                                  default=utcnow)
    # The size an extend asked for while extending.
    new_size = sa.Column(sa.Integer, nullable=True)
    availability_zone = sa.Column(sa.String(255), nullable=False)
    volume_type_id = sa.Column(sa.String(36), nullable=False)
    host = sa.Column(sa.String(255), nullable=True)
    bootable = sa.Column(sa.Boolean, nullable=False, default=False)
    read_only = sa.Column(sa.Boolean, nullable=False, default=False)
    multiattach = sa.Column(sa.Boolean, nullable=False, default=False)
    attach_status = sa.Column(sa.String(32), nullable=False,
                              default='detached')
    snapshot_id = sa.Column(sa.String(36), nullable=True)
    source_volid = sa.Column(sa.String(36), nullable=True)
    image_id = sa.Column(sa.String(36), nullable=True)
    # volume_image_metadata: what the image said when the volume was made.
    image_metadata = sa.Column(sa.JSON, nullable=True)
    metadata_ = sa.Column('metadata', sa.JSON, nullable=False)
    created_at, updated_at = _timestamps()


class Snapshot(Base):
    __tablename__ = 'snapshots'
    __table_args__ = (
        sa.Index('snapshots_project_id_idx', 'project_id'),
        sa.Index('snapshots_volume_id_idx', 'volume_id'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=True)
    volume_id = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255), nullable=True)
    description = sa.Column(sa.String(255), nullable=True)
    size = sa.Column(sa.Integer, nullable=False)
    status = sa.Column(sa.String(32), nullable=False)
    status_changed_at = sa.Column(sa.DateTime, nullable=False,
                                  default=utcnow)
    # The host of its volume, whose backend keeps its copy.
    host = sa.Column(sa.String(255), nullable=True)
    metadata_ = sa.Column('metadata', sa.JSON, nullable=False)
    created_at, updated_at = _timestamps()


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


class Message(Base):
    """A user message: what failed on a resource, in words for its owner."""
    __tablename__ = 'messages'
    __table_args__ = (
        sa.Index('messages_project_id_idx', 'project_id'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    resource_type = sa.Column(sa.String(64), nullable=False)
    resource_uuid = sa.Column(sa.String(36), nullable=True)
    event_id = sa.Column(sa.String(64), nullable=False)
    message_level = sa.Column(sa.String(16), nullable=False)
    user_message = sa.Column(sa.String(1024), nullable=False)
    request_id = sa.Column(sa.String(255), nullable=True)
    created_at = sa.Column(sa.DateTime, default=utcnow)
    expires_at = sa.Column(sa.DateTime, nullable=True)


class VolumeAttachment(Base):
    """One attachment of a volume to a server (Cinder's volume_attachment).

    attach_status: reserved, attaching, attached, detaching,
    error_attaching. The CHAP credentials of an iSCSI export are kept
    here (tgtd cannot tell them back); connection_info holds no password.
    A deleted attachment leaves no row.
    """
    __tablename__ = 'volume_attachment'
    __table_args__ = (
        sa.Index('volume_attachment_volume_id_idx', 'volume_id'),
        sa.Index('volume_attachment_instance_uuid_idx', 'instance_uuid'),
    )
    id = sa.Column(sa.String(36), primary_key=True)
    volume_id = sa.Column(sa.String(36), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=True)
    instance_uuid = sa.Column(sa.String(36), nullable=True)
    # The volume's host when the attachment was made: who exports it.
    volume_host = sa.Column(sa.String(255), nullable=True)
    attached_host = sa.Column(sa.String(255), nullable=True)
    mountpoint = sa.Column(sa.String(255), nullable=True)
    attach_status = sa.Column(sa.String(32), nullable=False)
    status_changed_at = sa.Column(sa.DateTime, nullable=False,
                                  default=utcnow)
    attach_mode = sa.Column(sa.String(8), nullable=False, default='rw')
    connector = sa.Column(sa.JSON, nullable=True)
    connection_info = sa.Column(sa.JSON, nullable=True)
    auth_username = sa.Column(sa.String(64), nullable=True)
    auth_password = sa.Column(sa.String(64), nullable=True)
    attach_time = sa.Column(sa.DateTime, nullable=True)
    created_at, updated_at = _timestamps()
