# SPDX-License-Identifier: Apache-2.0
"""A migrated SQLite network database and a session on it."""

import pytest

from nova_like.db import engine
from nova_like.network.db import api as db_api
from nova_like.network.db import migration


@pytest.fixture
def db(tmp_path):
    url = 'sqlite:///%s/network.sqlite' % tmp_path
    migration.upgrade(url)
    yield db_api.Database(url)
    engine.dispose_all()
