# SPDX-License-Identifier: Apache-2.0
"""nova_like.service: registration, heartbeats and RPC serving.

On the in-memory transport.
"""

import datetime
import time

import pytest

from nova_like import context as nl_context
from nova_like import objects
from nova_like.scheduler import manager as scheduler_manager
from nova_like.scheduler import rpcapi as scheduler_rpcapi
from nova_like import service
from tests import waiters


class RecordingManager:
    """A manager stub: records init_host and periodic runs."""

    def __init__(self):
        self.init_host_calls = 0
        self.periodic_calls = 0

    def init_host(self, context):
        self.init_host_calls += 1

    def periodic_tasks(self, context):
        self.periodic_calls += 1


@pytest.fixture
def bus(conf, dbs):
    """The fake:// transport, one-second heartbeats, SQLite databases."""
    conf.set_override('transport_url', 'fake:///')
    conf.set_override('report_interval', 1)
    conf.set_override('periodic_interval', 1)
    return dbs


@pytest.fixture
def started():
    """Start services through this; each is stopped after the test."""
    services = []

    def start(*args, **kwargs):
        svc = service.Service(*args, **kwargs)
        services.append(svc)
        svc.start()
        return svc

    yield start
    for svc in services:
        svc.stop()


def _row(host, binary):
    return objects.Service.get_by_host_and_binary(
        nl_context.get_admin_context(), host, binary)


def test_start_registers_and_beats_once(bus, started):
    svc = started('nova-like-scheduler', host='ctl')
    row = _row('ctl', 'nova-like-scheduler')
    assert row.id == svc.service_ref.id
    assert row.report_count == 1
    assert row.last_seen_up is not None
    assert row.topic is None
    assert row.is_up(60)


class SlowStartManager(RecordingManager):
    """init_host outlasting service_down_time, as a first libvirt probe can."""

    def init_host(self, context):
        super().init_host(context)
        time.sleep(1.5)


def test_up_as_soon_as_started_however_long_init_host_took(
        bus, conf, started):
    conf.set_override('service_down_time', 1)
    conf.set_override('report_interval', 60)
    svc = started('nova-like-scheduler', host='ctl',
                  manager=SlowStartManager())
    row = _row('ctl', 'nova-like-scheduler')
    assert row.report_count == 1
    assert row.is_up(1), (row.last_seen_up, svc)


def test_restart_reuses_the_row(bus, started):
    first = started('nova-like-scheduler', host='ctl')
    first.stop()
    second = started('nova-like-scheduler', host='ctl')
    assert second.service_ref.id == first.service_ref.id
    assert second.service_ref.report_count == 2
    assert len(objects.ServiceList.get_all(
        nl_context.get_admin_context())) == 1


def test_heartbeat_loop_increments_report_count(bus, started):
    started('nova-like-conductor', host='ctl')
    waiters.wait_for(lambda: _row('ctl', 'nova-like-conductor').report_count,
                     5, 'a second heartbeat', interval=0.05,
                     until=lambda count: count >= 2)


def test_stopped_service_stops_beating(bus, started):
    svc = started('nova-like-conductor', host='ctl')
    svc.stop()
    count = _row('ctl', 'nova-like-conductor').report_count
    time.sleep(1.2)
    assert _row('ctl', 'nova-like-conductor').report_count == count


def test_stop_twice_is_safe(bus, started):
    svc = started('nova-like-conductor', host='ctl')
    svc.stop()
    svc.stop()


def test_is_up_honours_service_down_time_and_forced_down(bus, started):
    started('nova-like-scheduler', host='ctl')
    row = _row('ctl', 'nova-like-scheduler')
    later = row.last_seen_up.timestamp() + 30
    at = datetime.datetime.fromtimestamp(later, datetime.timezone.utc)
    assert row.is_up(60, now=at)
    assert not row.is_up(10, now=at)
    row.forced_down = True
    row.save()
    assert not _row('ctl', 'nova-like-scheduler').is_up(60)


def test_without_register_there_is_no_row(bus, started):
    started('nova-like-api', host='api', register=False)
    assert len(objects.ServiceList.get_all(
        nl_context.get_admin_context())) == 0


def test_manager_gets_init_host_and_periodic_tasks(bus, started):
    manager = RecordingManager()
    started('nova-like-scheduler', manager=manager, host='ctl')
    assert manager.init_host_calls == 1
    waiters.wait_for(lambda: manager.periodic_calls, 5, 'a periodic run',
                     interval=0.05)


def test_topic_serves_the_manager_over_rpc(bus, started):
    started('nova-like-scheduler', topic=scheduler_rpcapi.RPC_TOPIC,
            manager=scheduler_manager.SchedulerManager(host='ctl'),
            host='ctl', executor_threads=2)
    answer = scheduler_rpcapi.SchedulerAPI().ping(
        nl_context.get_admin_context(), timeout=5)
    assert answer == {'host': 'ctl'}
    assert _row('ctl', 'nova-like-scheduler').topic == 'scheduler'
