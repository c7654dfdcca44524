# SPDX-License-Identifier: Apache-2.0
"""Alembic trees of the API and cell databases.

Upgrade, current revision, drift check.
"""

import logging
import os

from alembic import autogenerate
from alembic import command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script

from nova_like.db import engine as db_engine

# Alembic announces its dialect on every check at INFO; only say real news.
logging.getLogger('alembic.runtime.migration').setLevel(logging.WARNING)

_TREES = {
    'api': 'nova_like.db.api',
    'main': 'nova_like.db.main',
}


def _package_dir(database):
    module = __import__(_TREES[database], fromlist=['models'])
    return os.path.join(os.path.dirname(module.__file__), 'migrations')


def _config(database):
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', _package_dir(database))
    return cfg


def upgrade(database, url, revision='head'):
    """Bring database ('api' or 'main') at url up to revision."""
    engine = db_engine.get_engine(url)
    cfg = _config(database)
    with engine.begin() as conn:
        cfg.attributes['connection'] = conn
        command.upgrade(cfg, revision)


def current(database, url):
    """The revision the database at url is at, or None when unmanaged."""
    engine = db_engine.get_engine(url)
    with engine.connect() as conn:
        return alembic_migration.MigrationContext.configure(
            conn).get_current_revision()


def head(database):
    """The newest revision of database's tree."""
    script = alembic_script.ScriptDirectory.from_config(_config(database))
    return script.get_current_head()


def compare(database, url):
    """Differences between the models and the schema at url ([] when equal)."""
    module = __import__(_TREES[database] + '.models', fromlist=['Base'])
    engine = db_engine.get_engine(url)
    with engine.connect() as conn:
        ctx = alembic_migration.MigrationContext.configure(
            conn, opts={'compare_type': True})
        return autogenerate.compare_metadata(ctx, module.Base.metadata)
