# SPDX-License-Identifier: Apache-2.0
"""alembic environment of the network database (config built in code)."""

from alembic import context

from nova_like.network.db import models


def run_migrations_online():
    connection = context.config.attributes.get('connection')
    context.configure(connection=connection,
                      target_metadata=models.Base.metadata,
                      render_as_batch=connection.dialect.name == 'sqlite')
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
