# SPDX-License-Identifier: Apache-2.0
"""nova_like.rpc: serializer, process transport and broker check."""

import pytest

from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like import rpc


def test_serializer_round_trips_objects_and_contexts():
    serializer = rpc.RequestContextSerializer()
    ctx = nl_context.RequestContext(user_id='u', project_id='p')
    svc = objects.Service(host='cmp1', binary='nova-like-compute',
                          report_count=3)
    wire = serializer.serialize_entity(ctx, {'svc': svc, 'n': [1, 2]})
    assert wire['svc']['nova_like_object.name'] == 'Service'
    back = serializer.deserialize_entity(ctx, wire)
    assert isinstance(back['svc'], objects.Service)
    assert (back['svc'].host, back['svc'].report_count) == ('cmp1', 3)
    assert back['n'] == [1, 2]
    again = serializer.deserialize_context(serializer.serialize_context(ctx))
    assert (again.user_id, again.project_id) == ('u', 'p')


def test_one_transport_per_process_until_cleanup(conf):
    conf.set_override('transport_url', 'fake:///')
    first = rpc.get_transport()
    assert rpc.get_transport() is first
    rpc.cleanup()
    assert rpc.get_transport() is not first


def test_check_transport_accepts_fake(conf):
    conf.set_override('transport_url', 'fake:///')
    rpc.check_transport(1)


def test_check_transport_refuses_the_bare_default():
    with pytest.raises(exception.ConfigError) as info:
        rpc.check_transport(1)
    assert info.value.message.startswith('[DEFAULT] transport_url: is not '
                                         'set')


def test_check_transport_refuses_an_unsupported_driver(conf):
    conf.set_override('transport_url', 'zmq://127.0.0.1/')
    with pytest.raises(exception.ConfigError) as info:
        rpc.check_transport(1)
    assert "unsupported driver 'zmq'" in info.value.message


def test_check_transport_names_an_unreachable_broker(conf):
    # Port 9 on localhost refuses at once: no broker needed.
    conf.set_override('transport_url', 'rabbit://guest:guest@127.0.0.1:9/')
    with pytest.raises(exception.ConfigError) as info:
        rpc.check_transport(1)
    message = info.value.message
    assert message.startswith('[DEFAULT] transport_url: cannot reach the '
                              'broker')
    assert '127.0.0.1:9' in message
