# SPDX-License-Identifier: Apache-2.0
"""Initial volume schema: volumes, types, snapshots, quotas, messages."""

from alembic import op
import sqlalchemy as sa

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def _timestamps():
    return (sa.Column('created_at', sa.DateTime, nullable=True),
            sa.Column('updated_at', sa.DateTime, nullable=True))


def upgrade():
    op.create_table(
        'volume_types',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('is_public', sa.Boolean, nullable=False),
        sa.Column('extra_specs', sa.JSON, nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', name='uniq_volume_types0name'))
    op.create_table(
        'volumes',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('user_id', sa.String(255), nullable=True),
        sa.Column('name', sa.String(255), nullable=True),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('size', sa.Integer, nullable=False),
        sa.Column('status', sa.String(32), nullable=False),
        sa.Column('status_changed_at', sa.DateTime, nullable=False),
        sa.Column('new_size', sa.Integer, nullable=True),
        sa.Column('availability_zone', sa.String(255), nullable=False),
        sa.Column('volume_type_id', sa.String(36), nullable=False),
        sa.Column('host', sa.String(255), nullable=True),
        sa.Column('bootable', sa.Boolean, nullable=False),
        sa.Column('read_only', sa.Boolean, nullable=False),
        sa.Column('multiattach', sa.Boolean, nullable=False),
        sa.Column('attach_status', sa.String(32), nullable=False),
        sa.Column('snapshot_id', sa.String(36), nullable=True),
        sa.Column('source_volid', sa.String(36), nullable=True),
        sa.Column('image_id', sa.String(36), nullable=True),
        sa.Column('image_metadata', sa.JSON, nullable=True),
        sa.Column('metadata', sa.JSON, nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('volumes_project_id_idx', 'volumes', ['project_id'])
    op.create_index('volumes_status_idx', 'volumes', ['status'])
    op.create_table(
        'snapshots',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('user_id', sa.String(255), nullable=True),
        sa.Column('volume_id', sa.String(36), nullable=False),
        sa.Column('name', sa.String(255), nullable=True),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('size', sa.Integer, nullable=False),
        sa.Column('status', sa.String(32), nullable=False),
        sa.Column('status_changed_at', sa.DateTime, nullable=False),
        sa.Column('host', sa.String(255), nullable=True),
        sa.Column('metadata', sa.JSON, nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('snapshots_project_id_idx', 'snapshots', ['project_id'])
    op.create_index('snapshots_volume_id_idx', 'snapshots', ['volume_id'])
    op.create_table(
        'quotas',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('resource', sa.String(255), nullable=False),
        sa.Column('limit', sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'))
    op.create_table(
        'messages',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('resource_type', sa.String(64), nullable=False),
        sa.Column('resource_uuid', sa.String(36), nullable=True),
        sa.Column('event_id', sa.String(64), nullable=False),
        sa.Column('message_level', sa.String(16), nullable=False),
        sa.Column('user_message', sa.String(1024), nullable=False),
        sa.Column('request_id', sa.String(255), nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('expires_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('messages_project_id_idx', 'messages', ['project_id'])
