# SPDX-License-Identifier: Apache-2.0
"""ComputeFilter: only hosts whose compute service is enabled and up."""

import datetime

from nova_like.scheduler.filters import compute
from tests.unit.scheduler import fixtures

FILTER = compute.ComputeFilter()


def _ago(seconds):
    return (datetime.datetime.now(datetime.timezone.utc)
            - datetime.timedelta(seconds=seconds))


def test_an_enabled_service_that_is_up_passes():
    assert FILTER.host_passes(fixtures.host_state(),
                              fixtures.request_spec()) is None


def test_a_disabled_service_is_removed():
    state = fixtures.host_state(disabled=True, disabled_reason='maintenance')
    assert FILTER.host_passes(state, fixtures.request_spec()) == 'disabled'


def test_a_forced_down_service_is_removed():
    state = fixtures.host_state(forced_down=True)
    assert FILTER.host_passes(state, fixtures.request_spec()) == 'down'


def test_a_silent_service_is_down_after_service_down_time(conf):
    conf.set_override('service_down_time', 30)
    spec = fixtures.request_spec()
    assert FILTER.host_passes(fixtures.host_state(last_seen_up=_ago(20)),
                              spec) is None
    assert FILTER.host_passes(fixtures.host_state(last_seen_up=_ago(40)),
                              spec) == 'down'


def test_a_service_that_never_reported_is_down():
    state = fixtures.host_state(last_seen_up=None)
    assert FILTER.host_passes(state, fixtures.request_spec()) == 'down'


def test_disabled_is_the_reason_given_before_down():
    state = fixtures.host_state(disabled=True, forced_down=True)
    assert FILTER.host_passes(state, fixtures.request_spec()) == 'disabled'
