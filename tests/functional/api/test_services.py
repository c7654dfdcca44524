# SPDX-License-Identifier: Apache-2.0
"""os-services speaks Nova's binary names whatever the processes are called."""

import datetime

from nova_like import context as nl_context
from nova_like import objects
from tests.functional.api import fakes


def _add_service(cloud, binary, host='ctl1'):
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        objects.Service(
            cctx, host=host, binary=binary,
            last_seen_up=datetime.datetime.now(datetime.timezone.utc)
        ).create()


def test_list_reports_nova_binaries_and_hides_the_api(cloud):
    for binary in ('nova-like-scheduler', 'nova-like-conductor',
                   'nova-like-api', 'nova-like-network'):
        _add_service(cloud, binary)
    listed = cloud.admin.get('/v2.1/os-services').json['services']
    assert sorted(s['binary'] for s in listed) == [
        'nova-compute', 'nova-conductor', 'nova-like-network',
        'nova-scheduler']


def test_binary_filter_takes_nova_names_and_process_names(cloud):
    _add_service(cloud, 'nova-like-scheduler')
    for name in ('nova-compute', 'nova-like-compute'):
        found = cloud.admin.get('/v2.1/os-services?binary=' + name).json
        assert [(s['host'], s['binary']) for s in found['services']] == [
            (fakes.HOST, 'nova-compute')]
    assert cloud.admin.get('/v2.1/os-services?binary=nova-api'
                           ).json['services'] == []
    assert cloud.admin.get('/v2.1/os-services?binary=nova-like-api'
                           ).json['services'] == []


def test_disable_by_host_and_nova_binary_legacy_and_253(cloud):
    """What `openstack compute service set --disable HOST nova-compute`
    sends below and from 2.53."""
    legacy = cloud.admin.put('/v2.1/os-services/disable', {
        'host': fakes.HOST, 'binary': 'nova-compute'}, version='2.52')
    assert legacy.status_int == 200, legacy.body
    assert legacy.json == {'service': {
        'host': fakes.HOST, 'binary': 'nova-compute', 'status': 'disabled'}}
    found = cloud.admin.get('/v2.1/os-services?host=%s&binary=nova-compute'
                            % fakes.HOST).json['services']
    assert found[0]['status'] == 'disabled'
    enabled = cloud.admin.put('/v2.1/os-services/' + found[0]['id'],
                              {'status': 'enabled'})
    assert enabled.status_int == 200, enabled.body
    assert enabled.json['service']['binary'] == 'nova-compute'
    assert enabled.json['service']['status'] == 'enabled'
    missing = cloud.admin.put('/v2.1/os-services/disable', {
        'host': fakes.HOST, 'binary': 'nova-api'}, version='2.52')
    assert missing.status_int == 404


def test_update_of_a_non_compute_service_names_nova_binaries(cloud):
    _add_service(cloud, 'nova-like-scheduler')
    sched = cloud.admin.get('/v2.1/os-services?binary=nova-scheduler'
                            ).json['services'][0]
    refused = cloud.admin.put('/v2.1/os-services/' + sched['id'],
                              {'status': 'disabled'})
    assert refused.status_int == 400
    assert refused.json['badRequest']['message'] == (
        'Updating a nova-scheduler service is not supported. Only '
        'nova-compute services can be updated.')
