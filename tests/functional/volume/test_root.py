# SPDX-License-Identifier: Apache-2.0
"""Version documents, microversion negotiation, availability zones,
user messages, errors' shapes."""

from nova_like.volume import microversion

USER = 'alice:p1'


def test_version_documents(client):
    resp = client.get('/', raw=True, headers={'X-Auth-Token': ''})
    assert resp.status_code == 300
    [v3] = resp.json()['versions']
    assert v3['id'] == 'v3.0' and v3['status'] == 'CURRENT'
    assert v3['min_version'] == '3.0'
    assert v3['version'] == microversion.version_string(
        microversion.MAX_VERSION)
    assert microversion.MAX_VERSION >= (3, 27)
    assert {'href': 'http://localhost/v3/', 'rel': 'self'} in v3['links']
    resp = client.get('/v3/', raw=True, headers={'X-Auth-Token': ''})
    assert resp.status_code == 200
    assert resp.json()['versions'][0]['id'] == 'v3.0'


def test_microversion_is_answered_and_checked(client):
    user = client.as_(USER)
    resp = user.get('/volumes')
    assert resp.headers['OpenStack-API-Version'] == 'volume 3.0'
    assert resp.headers['Vary'] == 'OpenStack-API-Version'
    resp = user.at('3.27').get('/volumes')
    assert resp.headers['OpenStack-API-Version'] == 'volume 3.27'
    resp = user.at('latest').get('/volumes')
    assert resp.headers['OpenStack-API-Version'] == 'volume %s' % (
        microversion.version_string(microversion.MAX_VERSION))
    resp = user.at('3.999').get('/volumes')
    assert resp.status_code == 406
    assert 'Minimum is 3.0' in resp.json()['notAcceptable']['message']
    assert user.at('2.0').get('/volumes').status_code == 406
    assert user.at('3.x').get('/volumes').status_code == 400


def test_volume_view_changes_with_the_version(client):
    volume = client.create_volume()
    path = '/volumes/%s' % volume['id']
    assert 'group_id' not in client.get(path).json()['volume']
    shown = client.at('3.21').get(path).json()['volume']
    assert shown['group_id'] is None and shown['provider_id'] is None
    assert 'provider_id' not in client.as_('bob:admin', '3.21').get(
        path).json()['volume']
    client.wait_status(volume['id'], 'available')


def test_availability_zones(client):
    zones = client.as_(USER).get('/os-availability-zone').json()
    assert zones == {'availabilityZoneInfo': [
        {'zoneName': 'nova', 'zoneState': {'available': True}}]}


def test_errors_have_cinders_shape(client):
    user = client.as_(USER)
    resp = user.get('/volumes/%s' % ('0' * 8 + '-0000-0000-0000-' + '0' * 12))
    assert resp.status_code == 404
    fault = resp.json()['itemNotFound']
    assert fault['code'] == 404 and 'could not be found' in fault['message']
    resp = user.request('PATCH', '/volumes')
    assert resp.status_code == 405
    assert resp.json()['badMethod']['code'] == 405
    assert user.get('/nothing-here').status_code == 404
    resp = client.as_('x:p1').get('/volumes', headers={
        'X-Auth-Token': 'junk'})
    assert resp.status_code == 401
    assert resp.json()['unauthorized']['code'] == 401


def test_messages_need_3_3(client):
    user = client.as_(USER)
    assert user.get('/messages').status_code == 404
    assert user.at('3.3').get('/messages').json() == {'messages': []}
