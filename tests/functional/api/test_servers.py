# SPDX-License-Identifier: Apache-2.0
"""POST/GET/PUT/DELETE /servers in-process: the API side of the boot path.

Against stand-ins.
"""

import pytest

from nova_like import context as nl_context
from nova_like import objects
from tests import factories
from tests.functional.api import conftest
from tests.functional.api import fakes


def test_create_answers_like_nova(cloud):
    response = cloud.boot(cloud.alice, metadata={'purpose': 'x'})
    body = response.json['server']
    assert sorted(body) == ['OS-DCF:diskConfig', 'adminPass', 'id', 'links',
                            'security_groups']
    assert body['security_groups'] == [{'name': 'default'}]
    assert body['OS-DCF:diskConfig'] == 'MANUAL'
    assert len(body['adminPass']) == 12
    assert response.headers['Location'] == (
        'http://127.0.0.1:8774/v2.1/servers/%s' % body['id'])
    assert response.headers['x-compute-request-id'].startswith('req-')
    assert response.headers['x-openstack-request-id'] == \
        response.headers['x-compute-request-id']


def test_create_casts_once_with_build_request_spec_and_mapping(cloud):
    cloud.conductor.mode = 'hold'
    response = cloud.boot(cloud.alice, metadata={'k': 'v'},
                          min_count=2, max_count=2)
    assert len(cloud.conductor.casts) == 1
    cast = cloud.conductor.casts[0]
    assert [br.instance.display_name for br in cast['build_requests']] == \
        ['vm-1', 'vm-2']
    first = cast['build_requests'][0].instance
    assert first.uuid == response.json['server']['id']
    assert (first.vm_state, first.task_state, first.power_state) == (
        'building', 'scheduling', 0)
    assert first.hostname == 'vm-1'
    assert first.flavor.flavorid == '1'
    assert first.project_id == 'proj-a'
    assert first.metadata == {'k': 'v'}
    assert [i.instance.launch_index for i in cast['build_requests']] == [0, 1]
    spec = cast['request_specs'][0]
    assert (spec.instance_uuid, spec.num_instances) == (first.uuid, 2)
    assert spec.image['id'] == fakes.IMAGE_ID
    assert cast['image']['id'] == fakes.IMAGE_ID
    mapping = objects.InstanceMapping.get_by_instance_uuid(cloud.ctx,
                                                           first.uuid)
    assert mapping.cell_mapping is None
    assert conftest.api_rows(cloud.ctx) == {
        'build_requests': 2, 'request_specs': 2, 'instance_mappings': 2}


def test_build_request_shows_as_build(cloud):
    cloud.conductor.mode = 'hold'
    server_id = cloud.boot(cloud.alice).json['server']['id']
    server = cloud.alice.get('/v2.1/servers/' + server_id).json['server']
    assert server['status'] == 'BUILD'
    assert server['OS-EXT-STS:task_state'] == 'scheduling'
    assert server['hostId'] == ''
    assert server['progress'] == 0
    listed = cloud.alice.get('/v2.1/servers').json['servers']
    assert [s['id'] for s in listed] == [server_id]


def test_scheduled_server_shows_active_from_its_cell(cloud):
    server_id = cloud.boot(cloud.alice).json['server']['id']
    server = cloud.admin.get('/v2.1/servers/' + server_id).json['server']
    assert server['status'] == 'ACTIVE'
    assert server['OS-EXT-SRV-ATTR:host'] == fakes.HOST
    assert server['host_status'] == 'UP'
    assert server['OS-EXT-SRV-ATTR:instance_name'].startswith('instance-')
    assert conftest.api_rows(cloud.ctx)['build_requests'] == 0


def test_error_server_in_cell0_shows_its_fault(cloud):
    cloud.conductor.mode = 'error'
    server_id = cloud.boot(cloud.alice).json['server']['id']
    server = cloud.alice.get('/v2.1/servers/' + server_id).json['server']
    assert server['status'] == 'ERROR'
    assert 'progress' not in server
    fault = server['fault']
    assert fault['code'] == 500
    assert fault['message'].startswith('No valid host was found.')
    assert 'details' not in fault  # a 500's details are for admins
    admin_view = cloud.admin.get('/v2.1/servers/' + server_id).json['server']
    assert admin_view['fault']['details'] == 'Traceback: NoValidHost'


def test_other_projects_never_see_a_server(cloud):
    server_id = cloud.boot(cloud.alice).json['server']['id']
    for call in (cloud.bob.get, cloud.bob.delete):
        response = call('/v2.1/servers/' + server_id)
        assert response.status_int == 404
        assert response.json['itemNotFound']['message'] == \
            'Instance %s could not be found.' % server_id
    response = cloud.bob.put('/v2.1/servers/' + server_id,
                             {'server': {'name': 'x'}})
    assert response.status_int == 404
    assert cloud.bob.get('/v2.1/servers').json['servers'] == []
    assert cloud.bob.get('/v2.1/servers?all_tenants=1').status_int == 403
    everyone = cloud.admin.get('/v2.1/servers?all_tenants=1').json['servers']
    assert [s['id'] for s in everyone] == [server_id]


def test_delete_active_server_casts_terminate(cloud):
    server_id = cloud.boot(cloud.alice).json['server']['id']
    response = cloud.alice.delete('/v2.1/servers/' + server_id)
    assert response.status_int == 204
    cloud.compute.wait()
    assert cloud.compute.terminated == [server_id]
    assert cloud.alice.get('/v2.1/servers/' + server_id).status_int == 404


def test_second_delete_while_deleting_is_a_no_op(cloud):
    cloud.compute_hold = True
    server_id = cloud.boot(cloud.alice).json['server']['id']
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        instance = objects.Instance.get_by_uuid(cctx, server_id)
        instance.task_state = 'deleting'
        instance.save()
    assert cloud.alice.delete('/v2.1/servers/' + server_id).status_int == 204
    assert cloud.compute.terminated == []
    shown = cloud.alice.get('/v2.1/servers/' + server_id).json['server']
    assert (shown['status'], shown['OS-EXT-STS:task_state']) == (
        'ACTIVE', 'deleting')


def test_delete_build_request(cloud):
    cloud.conductor.mode = 'hold'
    server_id = cloud.boot(cloud.alice).json['server']['id']
    assert cloud.alice.delete('/v2.1/servers/' + server_id).status_int == 204
    assert cloud.alice.get('/v2.1/servers/' + server_id).status_int == 404
    mapping = objects.InstanceMapping.get_by_instance_uuid(cloud.ctx,
                                                           server_id)
    assert mapping.queued_for_delete
    assert conftest.api_rows(cloud.ctx)['build_requests'] == 0
    # A claim the scheduler made for it is removed with it.
    assert cloud.placement.deleted == [server_id]


def test_delete_error_server_locally(cloud):
    cloud.conductor.mode = 'error'
    server_id = cloud.boot(cloud.alice).json['server']['id']
    assert cloud.alice.delete('/v2.1/servers/' + server_id).status_int == 204
    assert cloud.placement.deleted == [server_id]
    assert cloud.compute.terminated == []
    assert cloud.alice.get('/v2.1/servers/' + server_id).status_int == 404
    assert conftest.api_rows(cloud.ctx)['request_specs'] == 0


def test_delete_when_compute_is_down_is_local(cloud):
    server_id = cloud.boot(cloud.alice).json['server']['id']
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        service = objects.Service.get_by_host_and_binary(
            cctx, fakes.HOST, 'nova-like-compute')
        service.forced_down = True
        service.save()
    shown = cloud.admin.get('/v2.1/servers/' + server_id).json['server']
    assert shown['host_status'] == 'DOWN'
    assert cloud.alice.delete('/v2.1/servers/' + server_id).status_int == 204
    assert cloud.placement.deleted == [server_id]
    assert cloud.alice.get('/v2.1/servers/' + server_id).status_int == 404


def test_update_name_description_hostname(cloud):
    server_id = cloud.boot(cloud.alice).json['server']['id']
    response = cloud.alice.put('/v2.1/servers/' + server_id, {'server': {
        'name': 'renamed', 'description': 'about', 'hostname': 'new-host'}})
    assert response.status_int == 200, response.body
    server = response.json['server']
    assert (server['name'], server['description'],
            server['OS-EXT-SRV-ATTR:hostname']) == ('renamed', 'about',
                                                    'new-host')
    shown = cloud.alice.get('/v2.1/servers/' + server_id).json['server']
    assert shown['name'] == 'renamed'


def test_update_a_build_request(cloud):
    cloud.conductor.mode = 'hold'
    server_id = cloud.boot(cloud.alice).json['server']['id']
    response = cloud.alice.put('/v2.1/servers/' + server_id,
                               {'server': {'name': 'early'}})
    assert response.status_int == 200
    assert cloud.alice.get('/v2.1/servers/' + server_id).json[
        'server']['name'] == 'early'


def test_return_reservation_id(cloud):
    response = cloud.boot(cloud.alice, min_count=2, max_count=3,
                          return_reservation_id=True)
    rid = response.json['reservation_id']
    assert rid.startswith('r-')
    admin = cloud.admin.get('/v2.1/servers/detail?all_tenants=1&'
                            'reservation_id=' + rid).json['servers']
    assert sorted(s['name'] for s in admin) == ['vm-1', 'vm-2', 'vm-3']


def test_hostname_with_multiple_servers_is_400(cloud):
    response = factories.boot(cloud.alice, expect=400, hostname='one',
                              max_count=2)
    assert 'multiple instances' in response.json['badRequest']['message']


@pytest.mark.parametrize('version', ['2.1', '2.36'])
def test_networks_optional_before_2_37(cloud, version):
    cloud.boot(cloud.alice, version=version, networks=None)
