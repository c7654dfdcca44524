# SPDX-License-Identifier: Apache-2.0
"""Run the network database's alembic tree.

upgrade(url) to head, current(url), head().
"""

import os

from alembic import command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script
import sqlalchemy as sa

_MIGRATIONS = os.path.join(os.path.dirname(__file__), 'migrations')


def _config(connection=None):
    config = alembic_config.Config()
    config.set_main_option('script_location', _MIGRATIONS)
    config.attributes['connection'] = connection
    return config


def head():
    """The revision id the code expects the database to be at."""
    return alembic_script.ScriptDirectory.from_config(
        _config()).get_current_head()


def upgrade(url, revision='head'):
    """Bring the database at url up to revision (head by default)."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(_config(conn), revision)
    finally:
        engine.dispose()


def current(url):
    """The revision the database at url is at, or None when it is empty."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return alembic_migration.MigrationContext.configure(
                conn).get_current_revision()
    finally:
        engine.dispose()
