# SPDX-License-Identifier: Apache-2.0
"""Block device mappings: the disks of each instance, volumes among them

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'block_device_mapping',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('instance_uuid', sa.String(length=36), nullable=False),
        sa.Column('source_type', sa.String(length=255), nullable=True),
        sa.Column('destination_type', sa.String(length=255), nullable=True),
        sa.Column('device_name', sa.String(length=255), nullable=True),
        sa.Column('device_type', sa.String(length=255), nullable=True),
        sa.Column('disk_bus', sa.String(length=255), nullable=True),
        sa.Column('boot_index', sa.Integer(), nullable=True),
        sa.Column('delete_on_termination', sa.Boolean(), nullable=False),
        sa.Column('volume_id', sa.String(length=36), nullable=True),
        sa.Column('volume_size', sa.Integer(), nullable=True),
        sa.Column('snapshot_id', sa.String(length=36), nullable=True),
        sa.Column('image_id', sa.String(length=36), nullable=True),
        sa.Column('attachment_id', sa.String(length=36), nullable=True),
        sa.Column('connection_info', sa.Text(), nullable=True),
        sa.Column('tag', sa.String(length=255), nullable=True),
        sa.Column('volume_type', sa.String(length=255), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.Column('deleted', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_block_device_mapping0uuid'),
        mysql_charset='utf8mb4', mysql_engine='InnoDB')
    with op.batch_alter_table('block_device_mapping',
                              schema=None) as batch_op:
        batch_op.create_index('block_device_mapping_instance_uuid_idx',
                              ['instance_uuid'], unique=False)
        batch_op.create_index(
            'block_device_mapping_instance_uuid_device_name_idx',
            ['instance_uuid', 'device_name'], unique=False)
        batch_op.create_index(
            'block_device_mapping_instance_uuid_volume_id_idx',
            ['instance_uuid', 'volume_id'], unique=False)
        batch_op.create_index('snapshot_id_idx', ['snapshot_id'],
                              unique=False)
        batch_op.create_index('volume_id_idx', ['volume_id'], unique=False)
