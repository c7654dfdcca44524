# SPDX-License-Identifier: Apache-2.0
"""The network_info of each instance (its VIFs, as JSON)

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('network_info_json', sa.Text(),
                                      nullable=True))
