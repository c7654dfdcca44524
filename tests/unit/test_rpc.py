# SPDX-License-Identifier: Apache-2.0
"""nova_like.rpc: serializer, transport, broker check, resends.

What the broker could not route is sent again.
"""

import oslo_messaging as messaging
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


# rpc.Client: what the broker could not route is sent again


class _Clock:
    """Stands in for the time module in nova_like.rpc: sleeping is instant."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class _Broker:
    """What an oslo.messaging client sends goes here: the first `bounces`
    messages find no queue (MessageUndeliverable), the rest are answered."""

    def __init__(self, bounces, error=None):
        self.bounces = bounces
        self.error = error
        self.sent = []

    def send(self, kind, target, method, timeout):
        self.sent.append((kind, target.topic, target.server, method, timeout))
        if self.bounces:
            self.bounces -= 1
            raise messaging.MessageUndeliverable(None, 'nl', target.topic, {})
        if self.error is not None:
            raise self.error
        return 'answer'


class _OsloClient:
    """The part of oslo.messaging's RPCClient that rpc.Client uses."""

    def __init__(self, broker, target, timeout=None):
        self.broker = broker
        self.target = target
        self.timeout = timeout

    def prepare(self, server=None, timeout=None):
        return _OsloClient(
            self.broker, self.target(server=server) if server
            else self.target, self.timeout if timeout is None else timeout)

    def can_send_version(self, version):
        return version == '1.0'

    def call(self, context, method, **kwargs):
        return self.broker.send('call', self.target, method, self.timeout)

    def cast(self, context, method, **kwargs):
        self.broker.send('cast', self.target, method, self.timeout)


@pytest.fixture
def clock(monkeypatch):
    fake = _Clock()
    monkeypatch.setattr(rpc, 'time', fake)
    return fake


def _client(broker, topic='scheduler', timeout=None):
    return rpc.Client(_OsloClient(broker, messaging.Target(topic=topic),
                                  timeout))


def test_get_client_asks_for_the_mandatory_flag(conf):
    conf.set_override('transport_url', 'fake:///')
    client = rpc.get_client(messaging.Target(topic='scheduler'))
    assert client._client.transport_options.at_least_once is True
    assert client.prepare(server='h')._client.transport_options \
        .at_least_once is True


def test_get_client_without_resending_sends_as_oslo_messaging_does(conf):
    conf.set_override('transport_url', 'fake:///')
    conf.set_override('rpc_missing_queue_timeout', 0)
    client = rpc.get_client(messaging.Target(topic='scheduler'))
    assert client._client.transport_options is None


def test_a_call_is_sent_again_until_a_queue_takes_it(conf, clock):
    conf.set_override('rpc_response_timeout', 60)
    broker = _Broker(bounces=3)
    assert _client(broker).call({}, 'select_destinations') == 'answer'
    # Four messages, each waiting only what is left of the 60 s.
    assert [s[4] for s in broker.sent] == [60, 59.75, 59.5, 59.25]
    assert clock.now == 1000.75


def test_a_call_found_no_queue_ends_within_its_own_timeout(conf, clock):
    broker = _Broker(bounces=1000)
    client = _client(broker).prepare(timeout=2)
    with pytest.raises(messaging.MessagingTimeout) as info:
        client.call({}, 'ping')
    assert clock.now - 1000 <= 2
    assert len(broker.sent) == 8
    assert 'No queue for topic scheduler took ping' in str(info.value)


def test_a_call_found_no_queue_ends_after_rpc_missing_queue_timeout(
        conf, clock):
    conf.set_override('rpc_missing_queue_timeout', 5)
    broker = _Broker(bounces=1000)
    with pytest.raises(messaging.MessagingTimeout):
        _client(broker, timeout=60).call({}, 'select_destinations')
    assert 4.75 <= clock.now - 1000 <= 5


def test_a_call_that_was_delivered_is_never_sent_twice(conf, clock):
    # Delivered but not answered in time: the server may have run it.
    broker = _Broker(bounces=0, error=messaging.MessagingTimeout('late'))
    with pytest.raises(messaging.MessagingTimeout):
        _client(broker).call({}, 'select_destinations')
    assert len(broker.sent) == 1


def test_a_cast_is_sent_again_until_a_queue_takes_it(conf, clock):
    broker = _Broker(bounces=2)
    _client(broker, topic='compute').prepare(server='cmp1').cast(
        {}, 'build_and_run_instance')
    assert [s[:4] for s in broker.sent] == [
        ('cast', 'compute', 'cmp1', 'build_and_run_instance')] * 3


def test_a_cast_found_no_queue_fails_naming_the_topic(conf, clock):
    conf.set_override('rpc_missing_queue_timeout', 3)
    broker = _Broker(bounces=1000)
    with pytest.raises(exception.RPCUndeliverable) as info:
        _client(broker, topic='compute').prepare(server='cmp1').cast(
            {}, 'build_and_run_instance')
    assert 2.75 <= clock.now - 1000 <= 3
    assert info.value.code == 503
    assert info.value.message.startswith(
        'build_and_run_instance was not delivered: the message broker had '
        'no queue for topic compute.cmp1 for 3s')


def test_without_resending_an_unroutable_cast_fails_at_once(conf, clock):
    conf.set_override('rpc_missing_queue_timeout', 0)
    broker = _Broker(bounces=1000)
    with pytest.raises(exception.RPCUndeliverable):
        _client(broker).cast({}, 'schedule_and_build_instances')
    assert len(broker.sent) == 1


def test_can_send_version_is_the_oslo_clients(conf):
    client = _client(_Broker(bounces=0))
    assert client.can_send_version('1.0')
    assert not client.prepare(server='h').can_send_version('1.1')


def test_our_reconnect_defaults_reach_the_rabbit_driver(conf):
    # Creating a rabbit transport connects to nothing yet.
    conf.set_override('transport_url', 'rabbit://guest:guest@127.0.0.1:9/')
    rpc.get_transport()
    assert conf.oslo_messaging_rabbit.rabbit_interval_max == 5
