# SPDX-License-Identifier: Apache-2.0
"""HostState, and get_host_states reading from real SQLite databases.

It reads compute nodes, services and aggregates from the API and cell
databases.
"""

import json

from nova_like import context as nl_context
from nova_like.db.api import aggregates as aggregate_db
from nova_like import objects
from nova_like.scheduler import host_manager
from tests.unit.scheduler import fixtures

CELL1 = fixtures.CELL1
A = 'aaaaaaaa-0000-4000-8000-000000000001'
B = 'bbbbbbbb-0000-4000-8000-000000000002'


def _aggregate(name, hosts, metadata):
    made = aggregate_db.aggregate_create({'name': name, 'uuid': name * 4},
                                         metadata)
    for host in hosts:
        aggregate_db.aggregate_host_add(made['id'], host)


def test_states_of_the_nodes_asked_for_across_cells(computes,
                                                    admin_context):
    one = computes('cmp1', cpu_info=json.dumps({'arch': 'x86_64'}))
    two = computes('cmp2')
    computes('cmp3')
    _aggregate('agg1', ['cmp2'], {'availability_zone': 'az1', 'ssd': 'true'})
    states = host_manager.get_host_states(admin_context, [one, two])
    assert sorted(states) == sorted([one, two])
    first, second = states[one], states[two]
    assert (first.uuid, first.host, first.nodename, first.cell_uuid,
            first.hypervisor_type) == (one, 'cmp1', 'cmp1', CELL1, 'fake')
    assert first.cpu_info == {'arch': 'x86_64'}
    assert (first.service.host, first.service.binary,
            first.service.disabled) == ('cmp1', 'nova-like-compute', False)
    assert (first.availability_zone, first.aggregates) == ('nova', [])
    assert second.availability_zone == 'az1'
    assert [a['metadata'] for a in second.aggregates] == [
        {'availability_zone': 'az1', 'ssd': 'true'}]
    # Filled later by the scheduler, not from the databases.
    assert (first.free, first.instance_uuids, first.server_group,
            first.group_hosts) == ({}, set(), None, set())


def test_a_node_without_a_live_compute_service_is_left_out(
        cells, computes, admin_context):
    gone = computes('cmp1')
    other = computes('ctl', binary='nova-like-conductor')
    with nl_context.target_cell(admin_context, cells['cell1']) as cctx:
        objects.Service.get_by_host_and_binary(
            cctx, 'cmp1', 'nova-like-compute').destroy()
    assert host_manager.get_host_states(admin_context, [gone, other]) == {}


def test_unknown_uuids_give_no_state(computes, admin_context):
    computes('cmp1')
    assert host_manager.get_host_states(
        admin_context, ['5b0b2b5e-8f0e-4a39-9d55-5d0e6b8b4a11']) == {}


def test_a_zone_set_by_any_aggregate_of_the_host():
    state = fixtures.host_state(aggregates=[
        fixtures.aggregate('plain', ['cmp1']),
        fixtures.aggregate('zoned', ['cmp1'], availability_zone='az1'),
        fixtures.aggregate('ssd', ['cmp1'], ssd='true')])
    assert state.availability_zone == 'az1'
    assert [a['name'] for a in state.aggregates] == ['plain', 'zoned', 'ssd']


def test_a_node_with_unreadable_cpu_info_has_none():
    node = {'uuid': 'n1', 'host': 'cmp1', 'hypervisor_hostname': 'cmp1',
            'hypervisor_type': 'QEMU', 'cpu_info': 'not json'}
    state = host_manager.HostState(node, fixtures.service(), CELL1)
    assert state.cpu_info == {}
    assert repr(state) == '<HostState cmp1/cmp1>'


def test_free_is_capacity_minus_used_and_claims_consume_it():
    state = fixtures.host_state()
    state.set_summary({'resources': {
        'VCPU': {'capacity': 16, 'used': 3},
        'MEMORY_MB': {'capacity': 4096.0, 'used': 512}}})
    assert state.free == {'VCPU': 13, 'MEMORY_MB': 3584}
    state.consume({'VCPU': 2, 'MEMORY_MB': 1024, 'DISK_GB': 1})
    assert state.free == {'VCPU': 11, 'MEMORY_MB': 2560, 'DISK_GB': -1}


def test_an_empty_summary_leaves_nothing_free():
    state = fixtures.host_state(free={'VCPU': 4})
    state.set_summary({})
    assert state.free == {}


def test_group_members_here_counts_only_the_groups_servers():
    state = fixtures.host_state(instance_uuids=[A, B])
    assert state.group_members_here() == 0
    state.server_group = fixtures.group('anti-affinity', members=[A])
    assert state.group_members_here() == 1
