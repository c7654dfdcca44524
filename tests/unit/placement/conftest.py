# SPDX-License-Identifier: Apache-2.0
"""A migrated SQLite Placement database for the unit tests that need one."""

import pytest

from nova_like.db import engine
from nova_like.placement.db import api as db_api
from nova_like.placement.db import migration


@pytest.fixture
def db(tmp_path):
    url = 'sqlite:///%s/placement.sqlite' % tmp_path
    migration.upgrade(url)
    yield db_api.Database(url)
    engine.dispose_all()
