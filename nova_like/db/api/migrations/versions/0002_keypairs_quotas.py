# SPDX-License-Identifier: Apache-2.0
"""Key pairs, quotas, and the cores and ram each instance mapping counts

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'key_pairs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('user_id', sa.String(length=255), nullable=False),
        sa.Column('fingerprint', sa.String(length=255), nullable=True),
        sa.Column('public_key', sa.Text(), nullable=True),
        sa.Column('type', sa.Enum('ssh', 'x509', name='keypair_types'),
                  server_default='ssh', nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'name',
                            name='uniq_key_pairs0user_id0name'),
        mysql_charset='utf8mb4', mysql_engine='InnoDB')
    op.create_table(
        'quotas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('resource', sa.String(length=255), nullable=False),
        sa.Column('hard_limit', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
        mysql_charset='utf8mb4', mysql_engine='InnoDB')
    with op.batch_alter_table('instance_mappings') as batch_op:
        batch_op.add_column(sa.Column('vcpus', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('memory_mb', sa.Integer(),
                                      nullable=False, server_default='0'))


def downgrade():
    with op.batch_alter_table('instance_mappings') as batch_op:
        batch_op.drop_column('memory_mb')
        batch_op.drop_column('vcpus')
    op.drop_table('quotas')
    op.drop_table('key_pairs')
    sa.Enum(name='keypair_types').drop(op.get_bind(), checkfirst=True)
