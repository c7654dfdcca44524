# SPDX-License-Identifier: Apache-2.0
"""nova_like.scheduler.weighers: how hosts are ordered.

By free RAM, CPU and disk, and by soft (anti-)affinity.
"""

import pytest

from nova_like.objects import instance_group
from nova_like.scheduler import weighers
from tests.unit.scheduler import fixtures

A = 'aaaaaaaa-0000-4000-8000-000000000001'
B = 'bbbbbbbb-0000-4000-8000-000000000002'


def _state(host, ram=1024, cpu=4, disk=100, instance_uuids=()):
    return fixtures.host_state(
        host, free={'MEMORY_MB': ram, 'VCPU': cpu, 'DISK_GB': disk},
        instance_uuids=instance_uuids)


def _hosts(states):
    return [s.host for s in weighers.weigh(states)]


def test_no_hosts_weigh_nothing():
    assert weighers.weigh([]) == []


def test_most_free_first_by_default():
    states = [_state('small', 512, 2, 10), _state('big', 4096, 8, 200),
              _state('mid', 2048, 4, 100)]
    assert _hosts(states) == ['big', 'mid', 'small']


def test_equal_hosts_keep_their_order():
    assert _hosts([_state('a'), _state('b'), _state('c')]) == ['a', 'b', 'c']


@pytest.mark.parametrize('option, first', [
    ('ram_weight_multiplier', 'ram'), ('cpu_weight_multiplier', 'cpu'),
    ('disk_weight_multiplier', 'disk')])
def test_each_multiplier_weighs_its_resource(conf, option, first):
    for name in ('ram_weight_multiplier', 'cpu_weight_multiplier',
                 'disk_weight_multiplier'):
        conf.set_override(name, 1.0 if name == option else 0.0,
                          group='filter_scheduler')
    states = [_state('ram', ram=8192), _state('cpu', cpu=32),
              _state('disk', disk=1000)]
    assert _hosts(states)[0] == first


def test_a_negative_multiplier_stacks_instead_of_spreading(conf):
    conf.set_override('ram_weight_multiplier', -1.0,
                      group='filter_scheduler')
    states = [_state('big', ram=8192), _state('small', ram=512)]
    assert _hosts(states) == ['small', 'big']


def test_resources_normalized_so_no_unit_dominates():
    # Each resource counts between 0 and 1 over the hosts: far more disk
    # does not outweigh a little more RAM and CPU for being a bigger number.
    states = [_state('disk', ram=1024, cpu=4, disk=10000),
              _state('ram-cpu', ram=1025, cpu=5, disk=100)]
    assert _hosts(states) == ['ram-cpu', 'disk']


@pytest.mark.parametrize('policy, first', [
    (instance_group.SOFT_AFFINITY, 'with'),
    (instance_group.SOFT_ANTI_AFFINITY, 'without')])
def test_soft_policies_outweigh_free_resources(policy, first):
    group = fixtures.group(policy, members=[A, B])
    # The host with the members has less of everything free.
    states = [_state('without', 4096, 8, 200),
              _state('with', 512, 1, 10, instance_uuids=[A, B])]
    for state in states:
        state.server_group = group
    assert _hosts(states)[0] == first


def test_a_hard_policy_weighs_nothing():
    group = fixtures.group(instance_group.AFFINITY, members=[A])
    states = [_state('with', 512, instance_uuids=[A]), _state('free', 4096)]
    for state in states:
        state.server_group = group
    assert _hosts(states) == ['free', 'with']


def test_a_soft_multiplier_of_zero_turns_the_policy_off(conf):
    conf.set_override('soft_affinity_weight_multiplier', 0.0,
                      group='filter_scheduler')
    group = fixtures.group(instance_group.SOFT_AFFINITY, members=[A])
    states = [_state('with', 512, instance_uuids=[A]), _state('free', 4096)]
    for state in states:
        state.server_group = group
    assert _hosts(states) == ['free', 'with']
