# SPDX-License-Identifier: Apache-2.0
"""The volume database's alembic tree at head matches its models, on
every backend."""

from alembic import autogenerate
from alembic import migration as alembic_migration
import pytest
import sqlalchemy as sa

from nova_like.volume.db import migration
from nova_like.volume.db import models
from tests import db_servers

pytestmark = pytest.mark.integration


@pytest.mark.parametrize('backend', db_servers.BACKENDS)
def test_migrations_match_models(backend, tmp_path):
    url = db_servers.create_database(backend, tmp_path)
    try:
        migration.upgrade(url)
        assert migration.current(url) == migration.head()
        engine = sa.create_engine(url)
        try:
            with engine.connect() as conn:
                ctx = alembic_migration.MigrationContext.configure(
                    conn, opts={'compare_type': True})
                diff = autogenerate.compare_metadata(
                    ctx, models.Base.metadata)
        finally:
            engine.dispose()
        assert diff == []
    finally:
        db_servers.drop_database(url)
