# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/types and their extra specs: the admin manages them,
everyone lists the public ones."""

USER = 'alice:p1'


def test_default_type_exists_and_members_cannot_manage(client):
    user = client.as_(USER)
    types = user.get('/types').json()['volume_types']
    assert [t['name'] for t in types] == ['__DEFAULT__']
    assert types[0]['is_public'] is True
    assert types[0]['os-volume-type-access:is_public'] is True
    resp = user.post('/types', {'volume_type': {'name': 'gold'}})
    assert resp.status_code == 403
    assert 'volume_extension:types_manage' in \
        resp.json()['forbidden']['message']
    assert user.delete('/types/%s' % types[0]['id']).status_code == 403


def test_admin_creates_updates_and_deletes_with_extra_specs(client):
    resp = client.post('/types', {'volume_type': {
        'name': 'gold', 'description': 'fast',
        'extra_specs': {'volume_backend_name': 'file'}}})
    assert resp.status_code == 200, resp.text
    gold = resp.json()['volume_type']
    assert gold['extra_specs'] == {'volume_backend_name': 'file'}
    path = '/types/%s' % gold['id']
    assert client.post('/types', {'volume_type': {
        'name': 'gold'}}).status_code == 409
    assert client.put(path, {'volume_type': {
        'description': 'faster'}}).json()['volume_type']['description'] \
        == 'faster'
    assert client.post(path + '/extra_specs', {'extra_specs': {
        'a': 'b'}}).json() == {'extra_specs': {'a': 'b'}}
    assert client.get(path + '/extra_specs').json()['extra_specs'] == {
        'volume_backend_name': 'file', 'a': 'b'}
    assert client.get(path + '/extra_specs/a').json() == {'a': 'b'}
    assert client.put(path + '/extra_specs/a', {'a': 'c'}).json() == {
        'a': 'c'}
    assert client.put(path + '/extra_specs/a', {'x': 'c'}).status_code \
        == 400
    assert client.delete(path + '/extra_specs/a').status_code == 202
    assert client.get(path + '/extra_specs/a').status_code == 404
    # A member sees it and uses it, but cannot change its specs.
    user = client.as_(USER)
    assert user.get(path).json()['volume_type']['name'] == 'gold'
    assert user.post(path + '/extra_specs', {'extra_specs': {
        'x': 'y'}}).status_code == 403
    volume = user.create_volume(volume_type='gold')
    assert volume['volume_type'] == 'gold'
    user.wait_status(volume['id'], 'available')
    resp = client.delete(path)
    assert resp.status_code == 400  # in use
    user.delete('/volumes/%s' % volume['id'])
    user.wait_status(volume['id'], 'deleted')
    assert client.delete(path).status_code == 202
    assert client.get(path).status_code == 404
    assert client.get(path).json()['itemNotFound']['code'] == 404


def test_private_type_is_hidden_from_members(client):
    vtype = client.post('/types', {'volume_type': {
        'name': 'secret', 'os-volume-type-access:is_public': False}}
    ).json()['volume_type']
    user = client.as_(USER)
    assert 'secret' not in [t['name'] for t in
                            user.get('/types').json()['volume_types']]
    assert user.get('/types/%s' % vtype['id']).status_code == 404
    assert 'secret' in [t['name'] for t in
                        client.get('/types').json()['volume_types']]


def test_bad_type_bodies_are_400(client):
    for body in ({'volume_type': {}}, {'volume_type': {'name': ''}},
                 {'volume_type': {'name': 'x', 'extra_specs': {'k': 1}}},
                 {'nothing': {}}):
        resp = client.post('/types', body)
        assert resp.status_code == 400, (body, resp.text)
    default = client.get('/types/default').json()['volume_type']
    assert client.delete('/types/%s' % default['id']).status_code == 400


def test_members_see_only_user_visible_extra_specs(client):
    vtype = client.post('/types', {'volume_type': {
        'name': 'multi', 'extra_specs': {'multiattach': '<is> True',
                                         'volume_backend_name': 'file'}}}
    ).json()['volume_type']
    path = '/types/%s' % vtype['id']
    user = client.as_(USER)
    assert user.get(path).json()['volume_type']['extra_specs'] == {
        'multiattach': '<is> True'}
    assert user.get(path + '/extra_specs').json()['extra_specs'] == {
        'multiattach': '<is> True'}
    assert user.get(path + '/extra_specs/volume_backend_name'
                    ).status_code == 404
    assert client.get(path + '/extra_specs').json()['extra_specs'] == {
        'multiattach': '<is> True', 'volume_backend_name': 'file'}
