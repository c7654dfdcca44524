# SPDX-License-Identifier: Apache-2.0
"""SchedulerAPI over the in-memory fake:// bus.

Against a real SchedulerManager, SQLite and a Placement stand-in.
"""

import pytest

from nova_like import exception
from nova_like.scheduler import rpcapi
from tests.unit.scheduler import fixtures


@pytest.fixture
def scheduler(scheduler_server):
    return rpcapi.SchedulerAPI()


def test_ping(scheduler, admin_context):
    assert scheduler.ping(admin_context, timeout=5) == {'host': 'ctl'}


def test_selections_travel_back(scheduler, placement, computes,
                                admin_context):
    placement.nodes = [computes('cmp1')]
    [[selection]] = scheduler.select_destinations(
        admin_context, fixtures.request_spec(),
        ['aaaaaaaa-0000-4000-8000-000000000001'])
    assert (selection.service_host, selection.compute_node_uuid) == (
        'cmp1', placement.nodes[0])


def test_no_valid_host_arrives_as_itself_with_its_explanation(
        scheduler, placement, computes, admin_context):
    placement.nodes = [computes('cmp1', disabled=True)]
    with pytest.raises(exception.NoValidHost) as info:
        scheduler.select_destinations(
            admin_context, fixtures.request_spec(),
            ['aaaaaaaa-0000-4000-8000-000000000001'])
    assert info.value.message == (
        'No valid host was found. 1 candidates from Placement: '
        '1 removed by ComputeFilter (disabled).')


def test_two_servers_get_each_other_as_alternates(scheduler, placement,
                                                  computes, admin_context):
    placement.nodes = [computes('cmp1'), computes('cmp2')]
    uuids = ['aaaaaaaa-0000-4000-8000-000000000001',
             'bbbbbbbb-0000-4000-8000-000000000002']
    selections = scheduler.select_destinations(
        admin_context, fixtures.request_spec(), uuids)
    assert [[s.service_host for s in one] for one in selections] == [
        ['cmp1', 'cmp2'], ['cmp2', 'cmp1']]
    assert [uuid for uuid, _node in placement.claims] == uuids
