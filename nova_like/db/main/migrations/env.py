# SPDX-License-Identifier: Apache-2.0
"""Alembic environment of the main database.

Runs on the connection nova_like/db/migration.py passes.
"""

from alembic import context

from nova_like.db.main import models

config = context.config
connection = config.attributes['connection']
context.configure(connection=connection, target_metadata=models.Base.metadata,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
