# SPDX-License-Identifier: Apache-2.0
"""The alembic trees of Placement and of the network service at head
match their models, on every backend."""

from alembic import autogenerate
from alembic import migration as alembic_migration
import pytest
import sqlalchemy as sa

from nova_like.network.db import migration as network_migration
from nova_like.network.db import models as network_models
from nova_like.placement.db import migration as placement_migration
from nova_like.placement.db import models as placement_models
from tests import db_servers

pytestmark = pytest.mark.integration


TREES = {'placement': (placement_migration, placement_models),
         'network': (network_migration, network_models)}


@pytest.mark.parametrize('tree', sorted(TREES))
@pytest.mark.parametrize('backend', db_servers.BACKENDS)
def test_migrations_match_models(backend, tree, tmp_path):
    migration, models = TREES[tree]
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
