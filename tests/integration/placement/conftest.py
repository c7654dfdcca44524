# SPDX-License-Identifier: Apache-2.0
"""Placement in-process on a scratch database of each backend."""

import pytest

from nova_like.db import engine
from nova_like.placement.db import migration
from nova_like.placement import direct
from tests.functional.placement import fixtures
from tests import db_servers


@pytest.fixture(params=db_servers.BACKENDS)
def client(request, tmp_path):
    """An in-process Placement client at 1.39 on a migrated database."""
    url = db_servers.create_database(request.param, tmp_path)
    try:
        migration.upgrade(url)
        yield direct.PlacementDirect(fixtures.make_conf(url),
                                     microversion='1.39')
    finally:
        engine.dispose_all()
        db_servers.drop_database(url)
