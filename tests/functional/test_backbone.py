# SPDX-License-Identifier: Apache-2.0
"""The backbone in one process.

Registration, heartbeats, RPC round trips, the API's healthcheck.
"""

import json

import webob

from nova_like.api import wsgi
from nova_like.conductor import api as conductor_api
from nova_like import context as nl_context
from nova_like import objects
from tests import waiters


def test_services_register_and_heartbeat(stack):
    stack.start_compute('cmp1')
    stack.start_compute('cmp2')
    ctx = nl_context.get_admin_context()
    services = objects.ServiceList.get_all(ctx)
    assert sorted((s.binary, s.host) for s in services) == [
        ('nova-like-compute', 'cmp1'), ('nova-like-compute', 'cmp2'),
        ('nova-like-conductor', 'ctl'), ('nova-like-scheduler', 'ctl')]
    before = {s.id: s.report_count for s in services}
    waiters.wait_for(lambda: all(
        s.report_count > before[s.id]
        for s in objects.ServiceList.get_all(ctx)), 10,
        'every report_count to grow')
    assert all(s.is_up(3) for s in objects.ServiceList.get_all(ctx))


def test_compute_records_its_node(stack):
    stack.start_compute('cmp1')
    ctx = nl_context.get_admin_context()
    node = objects.ComputeNode.get_by_host_and_nodename(ctx, 'cmp1', 'cmp1')
    assert (node.vcpus, node.hypervisor_type) == (16, 'fake')
    assert node.mapped == 0


def test_rpc_round_trip_conductor_scheduler_compute(stack):
    stack.start_compute('cmp2')
    answer = conductor_api.API().ping(nl_context.get_admin_context(),
                                      scheduler=True, compute_host='cmp2')
    assert answer['conductor'] == 'ctl'
    assert answer['scheduler']['host'] == 'ctl'
    assert answer['compute']['host'] == 'cmp2'
    assert answer['compute']['driver'] == 'fake'


def test_api_healthcheck_reaches_every_hop(stack):
    stack.start_compute('cmp1')
    app = wsgi.init_application()
    response = webob.Request.blank(
        '/healthcheck?rpc=1&compute_host=cmp1',
        headers={'X-Auth-Token': 'admin:admin'}).get_response(app)
    assert response.status_int == 200
    body = json.loads(response.body)
    assert body['rpc']['compute']['host'] == 'cmp1'
    assert body['rpc']['scheduler']['host'] == 'ctl'
    # Without an admin's token: up or down, no hosts, no timings.
    for headers in ({}, {'X-Auth-Token': 'alice:proj-a'}):
        anonymous = webob.Request.blank(
            '/healthcheck?rpc=1&compute_host=cmp1',
            headers=headers).get_response(app)
        assert (anonymous.status_int, json.loads(anonymous.body)) == \
            (200, {'status': 'OK'})
    bad = webob.Request.blank('/healthcheck?rpc=1&timeout=x').get_response(
        app)
    assert bad.status_int == 400


def test_healthcheck_reports_a_missing_compute_as_503(stack):
    app = wsgi.init_application()
    response = webob.Request.blank(
        '/healthcheck?rpc=1&compute_host=nowhere&timeout=1',
        headers={'X-Auth-Token': 'admin:admin'}).get_response(app)
    assert response.status_int == 503
    body = json.loads(response.body)
    assert body['reason'] == 'compute nowhere did not answer within 0.5s'
    assert body['rpc']['scheduler']['host'] == 'ctl'


def test_stopped_service_goes_down(stack):
    compute = stack.start_compute('cmp1')
    ctx = nl_context.get_admin_context()
    compute.stop()
    svc = objects.Service.get_by_host_and_binary(ctx, 'cmp1',
                                                 'nova-like-compute')
    waiters.wait_for(
        lambda: not objects.Service.get_by_id(ctx, svc.id).is_up(3), 8,
        'the stopped compute to be down')
