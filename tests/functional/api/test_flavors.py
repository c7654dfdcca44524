# SPDX-License-Identifier: Apache-2.0
"""/flavors, their extra specs and access lists in-process.

Compared with Nova's captured bodies.
"""

import pytest

from tests.functional.api import samples


def test_detail_matches_nova_at_2_1_and_max(cloud):
    for version, name in (('2.1', 'flavors_detail_mv_2.1.json'),
                          ('2.100', 'flavors_detail_mv_max.json')):
        nova = samples.body(name)['flavors']
        ours = cloud.alice.get('/v2.1/flavors/detail',
                               version=version).json['flavors']
        by_id = {f['id']: f for f in ours}
        for flavor in nova[:2]:
            assert by_id[flavor['id']] == flavor, version


def test_show_matches_nova(cloud):
    nova = samples.exchange('flavor_show_1_mv_max.json')['response']
    response = cloud.alice.get('/v2.1/flavors/1')
    assert response.status_int == nova['status']
    assert response.json == nova['body']


def test_404_matches_nova(cloud):
    nova = samples.exchange('error_404_flavor.json')['response']
    response = cloud.alice.get('/v2.1/flavors/does-not-exist')
    assert response.status_int == 404
    assert response.json == nova['body']


def test_list_filters_sort_and_paging(cloud):
    ids = [f['id'] for f in cloud.alice.get('/v2.1/flavors').json['flavors']]
    assert ids == ['1', '2', '3']  # private flavor of proj-b hidden
    assert [f['id'] for f in cloud.bob.get('/v2.1/flavors').json[
        'flavors']] == ['1', '2', '3', 'private']
    assert [f['id'] for f in cloud.alice.get(
        '/v2.1/flavors?minRam=2048&minDisk=20').json['flavors']] == ['2', '3']
    assert [f['id'] for f in cloud.alice.get(
        '/v2.1/flavors?sort_key=memory_mb&sort_dir=desc').json[
        'flavors']] == ['3', '2', '1']
    page = cloud.alice.get('/v2.1/flavors?limit=2').json
    assert [f['id'] for f in page['flavors']] == ['1', '2']
    href = page['flavors_links'][0]['href']
    assert 'marker=2' in href
    rest = cloud.alice.get(href[len('http://127.0.0.1:8774'):]).json
    assert [f['id'] for f in rest['flavors']] == ['3']
    assert cloud.admin.get('/v2.1/flavors?is_public=false').json[
        'flavors'][0]['id'] == 'private'
    assert len(cloud.admin.get('/v2.1/flavors?is_public=none').json[
        'flavors']) == 4
    assert cloud.alice.get('/v2.1/flavors?marker=nope').status_int == 400
    assert cloud.alice.get('/v2.1/flavors/private').status_int == 404


def test_create_and_delete_by_admin_only(cloud):
    body = {'flavor': {'name': 'm1.custom', 'ram': 1024, 'vcpus': 2,
                       'disk': 10, 'description': 'for tests'}}
    assert cloud.alice.post('/v2.1/flavors', body).status_int == 403
    response = cloud.admin.post('/v2.1/flavors', body)
    assert response.status_int == 200, response.body
    flavor = response.json['flavor']
    assert len(flavor['id']) == 36  # a generated uuid
    assert (flavor['description'], flavor['swap'], flavor['extra_specs']) \
        == ('for tests', 0, {})
    duplicate = cloud.admin.post('/v2.1/flavors', body)
    assert duplicate.status_int == 409
    assert duplicate.json['conflictingRequest']['message'] == \
        'Flavor with name m1.custom already exists.'
    path = '/v2.1/flavors/' + flavor['id']
    assert cloud.alice.delete(path).status_int == 403
    assert cloud.admin.delete(path).status_int == 202
    assert cloud.admin.get(path).status_int == 404


def test_create_with_id_and_description_before_2_55_is_400(cloud):
    body = {'flavor': {'name': 'x', 'id': 'x1', 'ram': 1, 'vcpus': 1,
                       'disk': 0, 'description': 'd'}}
    assert cloud.admin.post('/v2.1/flavors', body,
                            version='2.54').status_int == 400
    del body['flavor']['description']
    response = cloud.admin.post('/v2.1/flavors', body, version='2.54')
    assert response.json['flavor']['id'] == 'x1'
    assert 'description' not in response.json['flavor']


@pytest.mark.parametrize('flavor', [
    {'name': 'x', 'ram': 0, 'vcpus': 1, 'disk': 0},
    {'name': 'x', 'ram': 1, 'vcpus': 1},
    {'name': '', 'ram': 1, 'vcpus': 1, 'disk': 0},
    {'name': 'x', 'ram': 'lots', 'vcpus': 1, 'disk': 0},
    {'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 0, 'extra': 1}])
def test_bad_flavor_create_is_400(cloud, flavor):
    response = cloud.admin.post('/v2.1/flavors', {'flavor': flavor})
    assert response.status_int == 400
    assert 'Invalid input' in response.json['badRequest']['message'] or \
        'is a required property' in response.json['badRequest']['message']


def test_update_description_from_2_55(cloud):
    body = {'flavor': {'description': 'tiny one'}}
    assert cloud.admin.put('/v2.1/flavors/1', body,
                           version='2.54').status_int == 404
    assert cloud.alice.put('/v2.1/flavors/1', body).status_int == 403
    response = cloud.admin.put('/v2.1/flavors/1', body)
    assert response.json['flavor']['description'] == 'tiny one'


def test_extra_specs_crud(cloud):
    path = '/v2.1/flavors/1/os-extra_specs'
    specs = {'extra_specs': {'hw:cpu_policy': 'dedicated', 'quota:x': '1'}}
    assert cloud.alice.post(path, specs).status_int == 403
    assert cloud.admin.post(path, specs).json == specs
    assert cloud.alice.get(path).json == specs
    assert cloud.alice.get(path + '/quota:x').json == {'quota:x': '1'}
    assert cloud.admin.put(path + '/quota:x',
                           {'quota:x': '2'}).json == {'quota:x': '2'}
    mismatch = cloud.admin.put(path + '/quota:x', {'quota:y': '2'})
    assert mismatch.status_int == 400
    assert cloud.admin.delete(path + '/quota:x').status_int == 200
    assert cloud.admin.get(path + '/quota:x').status_int == 404
    assert cloud.admin.delete(path + '/quota:x').status_int == 404
    shown = cloud.alice.get('/v2.1/flavors/1').json['flavor']
    assert shown['extra_specs'] == {'hw:cpu_policy': 'dedicated'}


def test_flavor_access(cloud):
    path = '/v2.1/flavors/private/os-flavor-access'
    assert cloud.admin.get(path).json == {'flavor_access': [
        {'flavor_id': 'private', 'tenant_id': 'proj-b'}]}
    assert cloud.alice.get(path).status_int == 403
    assert cloud.admin.get('/v2.1/flavors/1/os-flavor-access'
                           ).status_int == 404
    action = '/v2.1/flavors/private/action'
    added = cloud.admin.post(action, {'addTenantAccess': {'tenant': 'proj-a'}})
    assert {a['tenant_id'] for a in added.json['flavor_access']} == {
        'proj-a', 'proj-b'}
    again = cloud.admin.post(action, {'addTenantAccess': {'tenant': 'proj-a'}})
    assert again.status_int == 409
    assert cloud.alice.get('/v2.1/flavors/private').status_int == 200
    removed = cloud.admin.post(action,
                               {'removeTenantAccess': {'tenant': 'proj-a'}})
    assert removed.json['flavor_access'] == [
        {'flavor_id': 'private', 'tenant_id': 'proj-b'}]
    assert cloud.admin.post(action, {'removeTenantAccess': {
        'tenant': 'proj-a'}}).status_int == 404
    assert cloud.alice.post(action, {'addTenantAccess': {
        'tenant': 'proj-a'}}).status_int == 403
