# SPDX-License-Identifier: Apache-2.0
"""An alembic tree of a service's own database (Placement, network).

Its config is built in code; the tree's env.py calls run_online.
"""

from alembic import command
from alembic import config as alembic_config
from alembic import context
from alembic import migration as alembic_migration
from alembic import script as alembic_script
import sqlalchemy as sa


class AlembicTree:
    """upgrade(url), current(url) and head() of the tree in directory."""

    def __init__(self, directory):
        self.directory = directory

    def _config(self, connection=None):
        config = alembic_config.Config()
        config.set_main_option('script_location', self.directory)
        config.attributes['connection'] = connection
        return config

    def head(self):
        """The revision id the code expects the database to be at."""
        return alembic_script.ScriptDirectory.from_config(
            self._config()).get_current_head()

    def upgrade(self, url, revision='head'):
        """Bring the database at url up to revision (head by default)."""
        engine = sa.create_engine(url)
        try:
            with engine.begin() as conn:
                command.upgrade(self._config(conn), revision)
        finally:
            engine.dispose()

    def current(self, url):
        """The revision the database at url is at, or None when empty."""
        engine = sa.create_engine(url)
        try:
            with engine.connect() as conn:
                return alembic_migration.MigrationContext.configure(
                    conn).get_current_revision()
        finally:
            engine.dispose()


def run_online(metadata):
    """What a tree's env.py does: migrate the connection upgrade() gave."""
    connection = context.config.attributes.get('connection')
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == 'sqlite')
    with context.begin_transaction():
        context.run_migrations()
