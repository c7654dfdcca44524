# SPDX-License-Identifier: Apache-2.0
"""ServerGroupAffinityFilter and ServerGroupAntiAffinityFilter.

The hard policies of a server group.
"""

import pytest

from nova_like.objects import instance_group
from nova_like.scheduler.filters import server_group
from tests.unit.scheduler import fixtures

AFFINITY = server_group.ServerGroupAffinityFilter()
ANTI_AFFINITY = server_group.ServerGroupAntiAffinityFilter()
A = 'aaaaaaaa-0000-4000-8000-000000000001'
B = 'bbbbbbbb-0000-4000-8000-000000000002'


def _state(host, group, group_hosts=(), instance_uuids=()):
    state = fixtures.host_state(host, instance_uuids=instance_uuids)
    state.server_group = group
    state.group_hosts = set(group_hosts)
    return state


@pytest.mark.parametrize('host_filter', [AFFINITY, ANTI_AFFINITY])
def test_a_server_outside_any_group_goes_anywhere(host_filter):
    state = fixtures.host_state(instance_uuids=[A])
    assert host_filter.host_passes(state, fixtures.request_spec()) is None


@pytest.mark.parametrize('host_filter, policy', [
    (AFFINITY, instance_group.ANTI_AFFINITY),
    (AFFINITY, instance_group.SOFT_AFFINITY),
    (ANTI_AFFINITY, instance_group.AFFINITY),
    (ANTI_AFFINITY, instance_group.SOFT_ANTI_AFFINITY)])
def test_each_filter_leaves_the_other_policies_alone(host_filter, policy):
    group = fixtures.group(policy, members=[A])
    state = _state('cmp1', group, group_hosts=['cmp2'], instance_uuids=[A])
    assert host_filter.host_passes(state, fixtures.request_spec()) is None


def test_affinity_keeps_any_host_for_the_first_member():
    group = fixtures.group(instance_group.AFFINITY)
    assert AFFINITY.host_passes(_state('cmp1', group),
                                fixtures.request_spec()) is None


def test_affinity_keeps_only_the_hosts_of_the_group():
    group = fixtures.group(instance_group.AFFINITY, members=[A])
    spec = fixtures.request_spec()
    assert AFFINITY.host_passes(_state('cmp2', group, ['cmp2']),
                                spec) is None
    assert AFFINITY.host_passes(_state('cmp1', group, ['cmp3', 'cmp2']),
                                spec) == (
        'affinity: the group runs on cmp2, cmp3')


def test_anti_affinity_removes_a_host_with_a_member():
    group = fixtures.group(instance_group.ANTI_AFFINITY, members=[A, B])
    spec = fixtures.request_spec()
    assert ANTI_AFFINITY.host_passes(
        _state('cmp1', group, instance_uuids=[B]), spec) == (
            'anti-affinity: 1 server(s) of the group already there')
    assert ANTI_AFFINITY.host_passes(_state('cmp2', group), spec) is None


def test_anti_affinity_allows_max_server_per_host():
    group = fixtures.group(instance_group.ANTI_AFFINITY, members=[A, B],
                           rules={'max_server_per_host': '2'})
    spec = fixtures.request_spec()
    assert ANTI_AFFINITY.host_passes(
        _state('cmp1', group, instance_uuids=[A]), spec) is None
    assert ANTI_AFFINITY.host_passes(
        _state('cmp1', group, instance_uuids=[A, B]), spec) == (
            'anti-affinity: 2 server(s) of the group already there')


def test_anti_affinity_counts_only_members_of_the_group():
    group = fixtures.group(instance_group.ANTI_AFFINITY, members=[A])
    state = _state('cmp1', group, instance_uuids=[B])
    assert ANTI_AFFINITY.host_passes(state, fixtures.request_spec()) is None
