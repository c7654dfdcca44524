# SPDX-License-Identifier: Apache-2.0
"""Instance actions and their events

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_TIMES = ('created_at', 'updated_at', 'deleted_at')


def _common():
    return [sa.Column(name, sa.DateTime(), nullable=True) for name in _TIMES
            ] + [sa.Column('deleted', sa.Integer(), nullable=False)]


def upgrade():
    op.create_table(
        'instance_actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=255), nullable=True),
        sa.Column('instance_uuid', sa.String(length=36), nullable=False),
        sa.Column('request_id', sa.String(length=255), nullable=True),
        sa.Column('user_id', sa.String(length=255), nullable=True),
        sa.Column('project_id', sa.String(length=255), nullable=True),
        sa.Column('start_time', sa.DateTime(), nullable=True),
        sa.Column('finish_time', sa.DateTime(), nullable=True),
        sa.Column('message', sa.String(length=255), nullable=True),
        *_common(),
        sa.PrimaryKeyConstraint('id'),
        mysql_charset='utf8mb4', mysql_engine='InnoDB')
    with op.batch_alter_table('instance_actions', schema=None) as batch_op:
        batch_op.create_index('instance_uuid_idx', ['instance_uuid'],
                              unique=False)
        batch_op.create_index('request_id_idx', ['request_id'], unique=False)
        batch_op.create_index('instance_actions_instance_uuid_updated_at_idx',
                              ['instance_uuid', 'updated_at'], unique=False)
    op.create_table(
        'instance_actions_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event', sa.String(length=255), nullable=True),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('start_time', sa.DateTime(), nullable=True),
        sa.Column('finish_time', sa.DateTime(), nullable=True),
        sa.Column('result', sa.String(length=255), nullable=True),
        sa.Column('traceback', sa.Text(), nullable=True),
        sa.Column('host', sa.String(length=255), nullable=True),
        sa.Column('details', sa.Text(), nullable=True),
        *_common(),
        sa.ForeignKeyConstraint(['action_id'], ['instance_actions.id']),
        sa.PrimaryKeyConstraint('id'),
        mysql_charset='utf8mb4', mysql_engine='InnoDB')
    with op.batch_alter_table('instance_actions_events',
                              schema=None) as batch_op:
        batch_op.create_index('instance_actions_events_action_id_idx',
                              ['action_id'], unique=False)
