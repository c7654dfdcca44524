# SPDX-License-Identifier: Apache-2.0
"""A migrated SQLite volume database, and the volume config groups."""

import pytest

from nova_like.db import engine
from nova_like.volume.db import api as db_api
from nova_like.volume.db import migration
from tests.functional.volume import fixtures


@pytest.fixture
def db(tmp_path):
    url = 'sqlite:///%s/volume.sqlite' % tmp_path
    migration.upgrade(url)
    yield db_api.Database(url)
    engine.dispose_all()


@pytest.fixture
def volume_conf(db, tmp_path):
    return fixtures.make_conf(db.url, tmp_path / 'volumes')
