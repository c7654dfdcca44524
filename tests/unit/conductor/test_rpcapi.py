# SPDX-License-Identifier: Apache-2.0
"""ConductorAPI over the in-memory fake:// bus.

Against a real ConductorManager and SQLite.
"""

import oslo_messaging as messaging
import pytest

from nova_like.conductor import manager
from nova_like.conductor import rpcapi
from nova_like import exception
from nova_like import objects
from nova_like import rpc


@pytest.fixture
def conductor(conf, dbs):
    """A conductor RPC server on fake://; the test talks to it as a client."""
    conf.set_override('transport_url', 'fake:///')
    server = rpc.get_server(
        messaging.Target(topic=rpcapi.RPC_TOPIC, server='ctl'),
        [manager.ConductorManager(host='ctl')], executor_threads=2)
    server.start()
    yield rpcapi.ConductorAPI()
    server.stop()
    server.wait()


def test_ping(conductor, admin_context):
    assert conductor.ping(admin_context, timeout=5) == {'conductor': 'ctl'}


def test_classmethod_answers_with_an_object(conductor, admin_context):
    objects.Service(admin_context, host='cmp1',
                    binary='nova-like-compute').create()
    found = conductor.object_class_action_versions(
        admin_context, 'Service', 'get_by_host_and_binary',
        {'Service': '1.0'}, ('cmp1', 'nova-like-compute'), {})
    assert isinstance(found, objects.Service)
    assert found.host == 'cmp1'


def test_expected_error_arrives_as_its_own_type(conductor, admin_context):
    with pytest.raises(exception.HostBinaryNotFound) as info:
        conductor.object_class_action_versions(
            admin_context, 'Service', 'get_by_host_and_binary',
            {'Service': '1.0'}, ('nowhere', 'nova-like-compute'), {})
    assert 'nowhere' in str(info.value)


def test_object_action_returns_updates_and_result(conductor, admin_context):
    svc = objects.Service(admin_context, host='cmp1',
                          binary='nova-like-compute')
    updates, result = conductor.object_action(admin_context, svc, 'create',
                                              (), {})
    assert result is None
    # Only what the conductor changed comes back: not host, which we sent.
    assert 'host' not in updates
    assert isinstance(updates['id'], int)
    assert len(updates['uuid']) == 36
    assert not updates['obj_what_changed']
