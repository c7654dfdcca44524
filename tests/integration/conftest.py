# SPDX-License-Identifier: Apache-2.0
"""Fixtures for the integration tier: real RabbitMQ, MariaDB and PostgreSQL."""

import pytest

from tests.integration import cloud as cloud_mod
from tests.integration.openstack_fixtures import (  # noqa: F401
    glance, glance_noauth, keystone)


@pytest.fixture(scope='module', params=['mysql', 'postgresql'])
def backbone(request, tmp_path_factory):
    """Placement, conductor, scheduler, API, 2 computes on one SQL backend."""
    cloud_mod.ensure_rabbit()
    cloud = cloud_mod.Cloud(tmp_path_factory.mktemp(request.param),
                            request.param)
    try:
        cloud.start_all(['cmp1', 'cmp2'])
        yield cloud
    finally:
        cloud.destroy()
