# SPDX-License-Identifier: Apache-2.0
"""The scheduler's facade reaches a real SchedulerManager over fake://."""

from nova_like.scheduler import api
from tests.unit.scheduler import fixtures


def test_ping(scheduler_server, admin_context):
    assert api.API().ping(admin_context, timeout=5) == {'host': 'ctl'}


def test_select_destinations(scheduler_server, placement, computes,
                             admin_context):
    placement.nodes = [computes('cmp1'), computes('cmp2')]
    uuids = ['aaaaaaaa-0000-4000-8000-000000000001',
             'bbbbbbbb-0000-4000-8000-000000000002']
    selections = api.API().select_destinations(
        admin_context, fixtures.request_spec(), uuids)
    assert [[s.service_host for s in one] for one in selections] == [
        ['cmp1', 'cmp2'], ['cmp2', 'cmp1']]
    assert [uuid for uuid, _node in placement.claims] == uuids
