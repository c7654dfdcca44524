# SPDX-License-Identifier: Apache-2.0
"""SchedulerManager.select_destinations: choices, alternates, NoValidHost.

Over real SQLite databases and a Placement stand-in; NoValidHost says why.
"""

import json

import oslo_messaging as messaging
import pytest

from nova_like import exception
from nova_like.scheduler import manager as scheduler_manager
from tests import factories
from tests.unit.scheduler import fixtures
from tests.unit.scheduler.fixtures import PlacementStandIn

A = 'aaaaaaaa-0000-4000-8000-000000000001'
B = 'bbbbbbbb-0000-4000-8000-000000000002'


def _select(ctx, placement, spec=None, uuids=(A,)):
    manager = scheduler_manager.SchedulerManager(host='ctl',
                                                 placement=placement)
    return manager.select_destinations(ctx, spec or fixtures.request_spec(),
                                       list(uuids))


def _no_valid_host(ctx, placement, spec=None, uuids=(A,)):
    """The message of the NoValidHost that select_destinations sends back
    to its caller (as an ExpectedException, logged without a trace)."""
    with pytest.raises(messaging.ExpectedException) as info:
        _select(ctx, placement, spec, uuids)
    error = info.value.exc_info[1]
    assert isinstance(error, exception.NoValidHost), error
    return error.message


def test_placement_is_asked_for_the_flavor_with_its_traits(dbs,
                                                           admin_context):
    placement = PlacementStandIn()
    spec = fixtures.request_spec(flavor=factories.flavor(
        vcpus=2, extra_specs={'trait:HW_CPU_X86_AVX2': 'required',
                              'trait:CUSTOM_SLOW': 'forbidden',
                              'resources:CUSTOM_GPU': '1'}))
    _no_valid_host(admin_context, placement, spec)
    assert placement.queries == [{
        'resources': 'CUSTOM_GPU:1,DISK_GB:1,MEMORY_MB:512,VCPU:2',
        'limit': '1000', 'required': 'HW_CPU_X86_AVX2,!CUSTOM_SLOW'}]


def test_no_candidate_from_placement_names_the_resources(dbs,
                                                         admin_context):
    assert _no_valid_host(admin_context, PlacementStandIn()) == (
        'No valid host was found. Placement returned 0 candidates for '
        'DISK_GB:1,MEMORY_MB:512,VCPU:1.')


def test_no_candidate_from_placement_names_the_traits(dbs, admin_context):
    spec = fixtures.request_spec(flavor=factories.flavor(
        extra_specs={'trait:HW_CPU_X86_AVX2': 'required'}))
    assert _no_valid_host(admin_context, PlacementStandIn(), spec) == (
        'No valid host was found. Placement returned 0 candidates for '
        'DISK_GB:1,MEMORY_MB:512,VCPU:1 with traits HW_CPU_X86_AVX2.')


def test_hosts_removed_are_counted_per_filter_and_reason(computes,
                                                         admin_context):
    nodes = [computes('cmp1', disabled=True), computes('cmp2', disabled=True),
             computes('cmp3')]
    spec = fixtures.request_spec(availability_zone='elsewhere')
    assert _no_valid_host(admin_context, PlacementStandIn(nodes), spec) == (
        'No valid host was found. 3 candidates from Placement: '
        '1 removed by AvailabilityZoneFilter (in zone nova), '
        '2 removed by ComputeFilter (disabled).')


def test_candidates_no_cell_knows_are_counted(computes, admin_context):
    nodes = [computes('cmp1', disabled=True),
             '5b0b2b5e-8f0e-4a39-9d55-5d0e6b8b4a11']
    assert _no_valid_host(admin_context, PlacementStandIn(nodes)) == (
        'No valid host was found. 2 candidates from Placement: '
        '1 removed by ComputeFilter (disabled), '
        '1 not known as compute nodes in any cell.')


def test_capacity_taken_by_concurrent_requests(computes, admin_context):
    placement = PlacementStandIn([computes('cmp1'), computes('cmp2')],
                                 claims_left=0)
    assert _no_valid_host(admin_context, placement) == (
        'No valid host was found. 2 hosts passed the filters but their '
        'capacity was taken by concurrent requests.')


def test_a_failed_claim_undoes_the_claims_made_for_the_others(
        computes, admin_context):
    placement = PlacementStandIn([computes('cmp1'), computes('cmp2')],
                                 claims_left=1)
    _no_valid_host(admin_context, placement, uuids=(A, B))
    assert [uuid for uuid, _node in placement.claims] == [A]
    assert placement.deleted == [A]


def test_a_server_group_that_is_gone_is_explained(computes, admin_context):
    placement = PlacementStandIn([computes('cmp1')])
    spec = fixtures.request_spec(scheduler_hints={'group': [B]})
    assert _no_valid_host(admin_context, placement, spec) == (
        'No valid host was found. server group %s is gone' % B)


def test_the_most_free_host_is_chosen_with_alternates(computes,
                                                      admin_context, conf):
    conf.set_override('max_attempts', 2, group='scheduler')
    small, big, mid = (computes('cmp1'), computes('cmp2'), computes('cmp3'))
    placement = PlacementStandIn([small, big, mid],
                                 vcpus={small: 2, big: 32, mid: 8})
    [selections] = _select(admin_context, placement)
    assert [(s.service_host, s.nodename, s.compute_node_uuid)
            for s in selections] == [('cmp2', 'cmp2', big),
                                     ('cmp3', 'cmp3', mid)]
    assert {s.cell_uuid for s in selections} == {fixtures.CELL1}
    assert json.loads(selections[1].allocation_request) == {
        'allocations': {mid: {'resources': fixtures.ALLOCATION}}}
    assert placement.claims == [(A, big)]


def test_each_server_takes_from_what_the_one_before_claimed(computes,
                                                            admin_context):
    one, two = computes('cmp1'), computes('cmp2')
    placement = PlacementStandIn([one, two], vcpus={one: 8, two: 8})
    chosen = [s[0].service_host for s in
              _select(admin_context, placement, uuids=(A, B))]
    assert chosen == ['cmp1', 'cmp2']
    assert placement.claims == [(A, one), (B, two)]


def test_a_forced_host_skips_the_filters(computes, admin_context):
    """az:host: a disabled host in another zone still gets the server."""
    nodes = [computes('cmp1', disabled=True), computes('cmp2')]
    placement = PlacementStandIn(nodes, vcpus={nodes[0]: 2, nodes[1]: 32})
    spec = fixtures.request_spec(availability_zone='elsewhere',
                                 force_hosts=['cmp1'])
    [selections] = _select(admin_context, placement, spec)
    assert [s.service_host for s in selections] == ['cmp1']
    assert 'limit' not in placement.queries[0]


def test_a_forced_node_alone_is_honoured(computes, admin_context):
    nodes = [computes('cmp1'), computes('cmp2')]
    spec = fixtures.request_spec(force_nodes=['cmp2'])
    [selections] = _select(admin_context, PlacementStandIn(nodes), spec)
    assert selections[0].nodename == 'cmp2'


def test_a_requested_destination_keeps_the_filters(computes, admin_context):
    nodes = [computes('cmp1', disabled=True), computes('cmp2')]
    placement = PlacementStandIn(nodes)
    spec = fixtures.request_spec(
        requested_destination={'host': 'cmp2', 'node': None})
    [selections] = _select(admin_context, placement, spec)
    assert [s.service_host for s in selections] == ['cmp2']
    disabled = fixtures.request_spec(
        requested_destination={'host': 'cmp1', 'node': 'cmp1'})
    assert _no_valid_host(admin_context, placement, disabled) == (
        'No valid host was found. 1 candidates from Placement: '
        '1 removed by ComputeFilter (disabled).')


def test_a_destination_placement_did_not_offer_is_named(computes,
                                                         admin_context):
    nodes = [computes('cmp1')]
    spec = fixtures.request_spec(force_hosts=['cmp9'])
    assert _no_valid_host(admin_context, PlacementStandIn(nodes), spec) == (
        'No valid host was found. the requested destination cmp9 is not '
        'among the 1 candidates from Placement (unknown, or without room)')
