# SPDX-License-Identifier: Apache-2.0
"""The Networking app in this process on a fresh SQLite database."""

import pytest

from nova_like.db import engine
from nova_like.network.db import migration
from nova_like.network import wsgi
from tests.functional.network import fixtures


@pytest.fixture
def dhcp():
    return fixtures.RecordingDhcpDriver()


@pytest.fixture
def network_conf(tmp_path):
    url = 'sqlite:///%s/network.sqlite' % tmp_path
    migration.upgrade(url)
    yield fixtures.make_conf(url)
    engine.dispose_all()


@pytest.fixture
def compute():
    """Stands in for compute's RPC client: records what hosts are told."""
    return fixtures.RecordingCompute()


@pytest.fixture
def client(network_conf, dhcp, compute):
    """An admin client; client.as_('user:project') is a member."""
    return fixtures.Client(wsgi.init_application(network_conf, dhcp,
                                                 compute))
