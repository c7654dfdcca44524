# SPDX-License-Identifier: Apache-2.0
"""placement_state: one row whose version every write transaction bumps."""

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    state = op.create_table(
        'placement_state',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('version', sa.BigInteger, nullable=False))
    op.bulk_insert(state, [{'id': 1, 'version': 0}])
