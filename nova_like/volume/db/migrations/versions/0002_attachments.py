# SPDX-License-Identifier: Apache-2.0
"""Volume attachments: the volume_attachment table."""

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'volume_attachment',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('volume_id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('user_id', sa.String(255), nullable=True),
        sa.Column('instance_uuid', sa.String(36), nullable=True),
        sa.Column('volume_host', sa.String(255), nullable=True),
        sa.Column('attached_host', sa.String(255), nullable=True),
        sa.Column('mountpoint', sa.String(255), nullable=True),
        sa.Column('attach_status', sa.String(32), nullable=False),
        sa.Column('status_changed_at', sa.DateTime, nullable=False),
        sa.Column('attach_mode', sa.String(8), nullable=False),
        sa.Column('connector', sa.JSON, nullable=True),
        sa.Column('connection_info', sa.JSON, nullable=True),
        sa.Column('auth_username', sa.String(64), nullable=True),
        sa.Column('auth_password', sa.String(64), nullable=True),
        sa.Column('attach_time', sa.DateTime, nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('volume_attachment_volume_id_idx', 'volume_attachment',
                    ['volume_id'])
    op.create_index('volume_attachment_instance_uuid_idx',
                    'volume_attachment', ['instance_uuid'])
