# SPDX-License-Identifier: Apache-2.0
"""os-hosts (up to 2.42) as Nova answers it, negatives included."""

import datetime
import uuid

import pytest

from nova_like import context as nl_context
from nova_like import objects
from tests.functional.api import fakes

V = '2.42'


@pytest.fixture
def hosts(cloud):
    """HOST with a compute node, and a scheduler on ctl1."""
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        objects.ComputeNode(
            cctx, uuid=str(uuid.uuid4()), host=fakes.HOST,
            hypervisor_hostname=fakes.HOST, hypervisor_type='fake',
            vcpus=8, memory_mb=8192, local_gb=100, vcpus_used=1,
            memory_mb_used=512, local_gb_used=1).create()
        objects.Service(
            cctx, host='ctl1', binary='nova-like-scheduler',
            topic='scheduler',
            last_seen_up=datetime.datetime.now(datetime.timezone.utc)
        ).create()
        objects.Service(cctx, host='ctl1', binary='nova-like-api').create()
    return cloud


def test_list_and_zone_filter(hosts):
    listed = hosts.admin.get('/v2.1/os-hosts', version=V)
    assert listed.status_int == 200, listed.body
    assert sorted(listed.json['hosts'], key=lambda h: h['service']) == [
        {'host_name': fakes.HOST, 'service': 'compute', 'zone': 'nova'},
        {'host_name': 'ctl1', 'service': 'scheduler', 'zone': 'internal'}]
    by_zone = hosts.admin.get('/v2.1/os-hosts?zone=nova', version=V).json
    assert by_zone['hosts'] == [
        {'host_name': fakes.HOST, 'service': 'compute', 'zone': 'nova'}]
    assert len(hosts.admin.get('/v2.1/os-hosts?zone=', version=V
                               ).json['hosts']) == 2
    assert hosts.admin.get('/v2.1/os-hosts?zone=xxx', version=V
                           ).json['hosts'] == []
    assert hosts.alice.get('/v2.1/os-hosts', version=V).status_int == 403
    assert hosts.admin.get('/v2.1/os-hosts', version='2.43'
                           ).status_int == 404


def test_disabled_services_are_not_listed(hosts):
    hosts.admin.put('/v2.1/os-hosts/' + fakes.HOST, {'status': 'disable'},
                    version=V)
    assert [h['host_name'] for h in hosts.admin.get(
        '/v2.1/os-hosts', version=V).json['hosts']] == ['ctl1']


def test_show_gives_totals_usage_and_projects(hosts):
    hosts.boot(hosts.alice)
    shown = hosts.admin.get('/v2.1/os-hosts/' + fakes.HOST, version=V)
    assert shown.status_int == 200, shown.body
    resources = [r['resource'] for r in shown.json['host']]
    assert resources[:2] == [
        {'host': fakes.HOST, 'project': '(total)', 'cpu': 8,
         'memory_mb': 8192, 'disk_gb': 100},
        {'host': fakes.HOST, 'project': '(used_now)', 'cpu': 1,
         'memory_mb': 512, 'disk_gb': 1}]
    assert [r['project'] for r in resources[2:]] == ['(used_max)', 'proj-a']
    assert resources[2]['cpu'] == resources[3]['cpu'] >= 1
    missing = hosts.admin.get('/v2.1/os-hosts/nonexistent_hostname',
                              version=V)
    assert missing.status_int == 404
    assert missing.json['itemNotFound']['message'] == (
        'Compute host nonexistent_hostname could not be found.')
    assert hosts.admin.get('/v2.1/os-hosts/ctl1', version=V
                           ).status_int == 404
    assert hosts.alice.get('/v2.1/os-hosts/' + fakes.HOST, version=V
                           ).status_int == 403


def test_update_status_and_refusals(hosts):
    path = '/v2.1/os-hosts/' + fakes.HOST
    answer = hosts.admin.put(path, {'status': 'Disable'}, version=V)
    assert answer.status_int == 200, answer.body
    assert answer.json == {'host': fakes.HOST, 'status': 'disabled'}
    service = hosts.admin.get('/v2.1/os-services?binary=nova-compute'
                              ).json['services'][0]
    assert service['status'] == 'disabled'
    assert hosts.admin.put(path, {'status': 'enable'}, version=V
                           ).json['status'] == 'enabled'
    for body in ({'status': 'invalid', 'maintenance_mode': 'enable'},
                 {'status': 'enable', 'maintenance_mode': 'invalid'},
                 {}, {'status': 'enable', 'other': 1}):
        assert hosts.admin.put(path, body, version=V).status_int == 400
    assert hosts.admin.put(path, {'maintenance_mode': 'enable'},
                           version=V).status_int == 501
    assert hosts.admin.put('/v2.1/os-hosts/nonexistent_hostname',
                           {'status': 'enable', 'maintenance_mode': 'enable'},
                           version=V).status_int == 404
    assert hosts.alice.put(path, {'status': 'enable'},
                           version=V).status_int == 403


@pytest.mark.parametrize('action', ['startup', 'shutdown', 'reboot'])
def test_power_actions(hosts, action):
    path = '/v2.1/os-hosts/%s/' + action
    assert hosts.admin.get(path % 'nonexistent_hostname', version=V
                           ).status_int == 404
    assert hosts.alice.get(path % fakes.HOST, version=V).status_int == 403
    assert hosts.admin.get(path % fakes.HOST, version=V).status_int == 501
