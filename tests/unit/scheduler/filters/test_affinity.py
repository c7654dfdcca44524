# SPDX-License-Identifier: Apache-2.0
"""SameHostFilter and DifferentHostFilter.

Against HostStates holding instances.
"""

from nova_like.scheduler.filters import affinity
from tests.unit.scheduler import fixtures

A = 'aaaaaaaa-0000-4000-8000-000000000001'
B = 'bbbbbbbb-0000-4000-8000-000000000002'


def test_same_host_without_the_hint_keeps_every_host():
    state = fixtures.host_state(instance_uuids=[A])
    assert affinity.SameHostFilter().host_passes(
        state, fixtures.request_spec()) is None


def test_same_host_keeps_a_host_with_one_of_the_servers():
    spec = fixtures.request_spec(scheduler_hints={'same_host': [A, B]})
    assert affinity.SameHostFilter().host_passes(
        fixtures.host_state(instance_uuids=[B]), spec) is None


def test_same_host_removes_a_host_without_them_naming_them():
    spec = fixtures.request_spec(scheduler_hints={'same_host': [B, A]})
    assert affinity.SameHostFilter().host_passes(
        fixtures.host_state(), spec) == 'not hosting %s, %s' % (A, B)


def test_different_host_without_the_hint_keeps_every_host():
    state = fixtures.host_state(instance_uuids=[A])
    assert affinity.DifferentHostFilter().host_passes(
        state, fixtures.request_spec()) is None


def test_different_host_keeps_a_host_without_them():
    spec = fixtures.request_spec(scheduler_hints={'different_host': [A]})
    assert affinity.DifferentHostFilter().host_passes(
        fixtures.host_state(instance_uuids=[B]), spec) is None


def test_different_host_removes_a_host_with_one_of_them():
    spec = fixtures.request_spec(scheduler_hints={'different_host': [B, A]})
    assert affinity.DifferentHostFilter().host_passes(
        fixtures.host_state(instance_uuids=[A]), spec) == (
            'hosting one of %s, %s' % (A, B))
