# SPDX-License-Identifier: Apache-2.0
"""The Block Storage app and a volume manager serving RPC on fake://.

The app casts to topic volume over oslo.messaging's in-memory transport;
the real VolumeManager (file backend in tmp_path) answers, as in the
daemon.
"""

import pytest

from nova_like import conf as nl_conf
from nova_like.db import engine
from nova_like import rpc
from nova_like import service
from nova_like.volume.db import migration
from nova_like.volume import manager
from nova_like.volume import rpcapi
from nova_like.volume import wsgi
from tests.functional.volume import fixtures
from tests.glance_standin import GlanceStandIn

CONF = nl_conf.CONF


@pytest.fixture
def volume_conf(tmp_path):
    url = 'sqlite:///%s/volume.sqlite' % tmp_path
    migration.upgrade(url)
    yield fixtures.make_conf(url, tmp_path / 'volumes')
    engine.dispose_all()


@pytest.fixture
def glance():
    """A Glance stand-in serving images added with glance.add(path)."""
    standin = GlanceStandIn()
    yield standin
    standin.stop()


@pytest.fixture
def volume_manager(volume_conf, glance):
    rpc.register_opts()
    CONF([], project='nova_like', default_config_files=[])
    CONF.set_override('transport_url', 'fake:///')
    mgr = manager.VolumeManager(volume_conf, host=fixtures.HOST,
                                glance=glance.client())
    svc = service.Service('nova-like-volume', topic=rpcapi.RPC_TOPIC,
                          manager=mgr, host=fixtures.HOST,
                          executor_threads=4, register=False)
    svc.start()
    try:
        yield mgr
    finally:
        svc.stop()
        rpc.cleanup()
        CONF.clear_override('transport_url')


@pytest.fixture
def client(volume_conf, volume_manager, glance):
    """An admin client; client.as_('user:project') is a member."""
    return fixtures.Client(wsgi.init_application(volume_conf,
                                                 glance=glance.client()))
