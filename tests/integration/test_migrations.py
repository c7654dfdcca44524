# SPDX-License-Identifier: Apache-2.0
"""Both alembic trees reach head and match the models.

On MariaDB and PostgreSQL.
"""

import pytest

from nova_like.db import engine
from nova_like.db import migration
from tests import db_servers

pytestmark = pytest.mark.integration


@pytest.mark.parametrize('backend', ['mysql', 'postgresql'])
@pytest.mark.parametrize('tree', ['api', 'main'])
def test_migrations_match_models(backend, tree):
    url = db_servers.create_database(backend, prefix='nlmig')
    try:
        migration.upgrade(tree, url)
        assert migration.current(tree, url) == migration.head(tree)
        assert migration.compare(tree, url) == []
        migration.upgrade(tree, url)  # a second sync is a no-op
    finally:
        engine.dispose_all()
        db_servers.drop_database(url)
