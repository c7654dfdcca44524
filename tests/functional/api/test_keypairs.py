# SPDX-License-Identifier: Apache-2.0
"""/os-keypairs against Nova 34's samples, and key_name on servers.

Import, generate below 2.92, list, page, show, delete.
"""

import pytest

from nova_like import context as nl_context
from nova_like import objects

from tests.functional.api import fakes
from tests.functional.api import samples

ED25519 = samples.exchange('keypairs_create_mv_max.json')[
    'request']['body']['keypair']['public_key']
NOVA_FINGERPRINT = 'a6:9b:99:ec:d9:c4:7d:0d:54:e2:b1:ac:3d:f9:de:c1'


def _import(client, name='sample-key', version=None, **extra):
    return client.post('/v2.1/os-keypairs', {'keypair': dict(
        name=name, public_key=ED25519, **extra)}, version=version)


def test_import_matches_nova_sample(cloud):
    nova = samples.exchange('keypairs_create_mv_max.json')['response']
    response = _import(cloud.alice, type='ssh')
    assert response.status_int == nova['status'] == 201
    assert samples.shape(response.json) == samples.shape(nova['body'])
    assert response.json['keypair']['fingerprint'] == NOVA_FINGERPRINT
    assert response.json['keypair']['user_id'] == 'alice'


def test_duplicate_is_409_with_novas_message(cloud):
    _import(cloud.alice)
    nova = samples.exchange('keypairs_create_duplicate_409.json')['response']
    response = _import(cloud.alice)
    assert response.status_int == 409
    assert response.json == nova['body']


def test_generate_below_292_returns_the_private_key(cloud):
    nova = samples.exchange('keypairs_create_generate_mv_2.1.json')[
        'response']
    response = cloud.alice.post('/v2.1/os-keypairs', {'keypair': {
        'name': 'sample-key-gen'}}, version='2.1')
    assert response.status_int == nova['status'] == 200
    assert samples.shape(response.json) == samples.shape(nova['body'])
    key = response.json['keypair']
    assert key['private_key'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    assert key['public_key'].startswith('ssh-rsa ')
    assert key['public_key'].endswith(' Generated-by-Nova')
    assert len(key['fingerprint'].split(':')) == 16


def test_generation_is_gone_at_292(cloud):
    response = cloud.alice.post('/v2.1/os-keypairs', {'keypair': {
        'name': 'gen'}}, version='2.92')
    assert response.status_int == 400
    assert 'public_key' in response.json['badRequest']['message']


@pytest.mark.parametrize('body, field', [
    ({'name': 'k', 'public_key': 'not a key'}, 'invalid'),
    ({'name': 'k', 'public_key': ED25519, 'type': 'rsa'}, 'type'),
    ({'name': '', 'public_key': ED25519}, 'name'),
    ({'name': 'a/b', 'public_key': ED25519}, 'name'),
    ({'name': 'k', 'public_key': ED25519, 'bogus': 1}, 'bogus'),
])
def test_bad_input_is_400_naming_it(cloud, body, field):
    response = cloud.alice.post('/v2.1/os-keypairs', {'keypair': body})
    assert response.status_int == 400, response.body
    assert field in response.json['badRequest']['message']
    assert cloud.alice.get('/v2.1/os-keypairs').json['keypairs'] == []


def test_x509_from_22(cloud, tmp_path):
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'alice')])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    response = cloud.alice.post('/v2.1/os-keypairs', {'keypair': {
        'name': 'cert', 'type': 'x509', 'public_key': pem}})
    assert response.status_int == 201, response.body
    assert response.json['keypair']['type'] == 'x509'
    assert response.json['keypair']['fingerprint'] == ':'.join(
        '%02x' % b for b in cert.fingerprint(hashes.SHA1()))
    old = cloud.alice.post('/v2.1/os-keypairs', {'keypair': {
        'name': 'cert2', 'type': 'x509', 'public_key': pem}}, version='2.1')
    assert old.status_int == 400  # type is unknown before 2.2


def test_list_show_delete_match_nova_samples(cloud):
    _import(cloud.alice)
    listed = cloud.alice.get('/v2.1/os-keypairs')
    nova_list = samples.body('keypairs_list_mv_max.json')
    assert samples.shape(listed.json['keypairs'][0]) == samples.shape(
        nova_list['keypairs'][0])
    shown = cloud.alice.get('/v2.1/os-keypairs/sample-key')
    assert samples.shape(shown.json) == samples.shape(
        samples.body('keypair_show_mv_max.json'))
    assert shown.json['keypair']['deleted'] is False
    assert cloud.alice.delete('/v2.1/os-keypairs/sample-key').status_int \
        == 204
    assert cloud.alice.get('/v2.1/os-keypairs/sample-key').status_int == 404
    _import(cloud.alice, name='old')
    assert cloud.alice.delete('/v2.1/os-keypairs/old',
                              version='2.1').status_int == 202


def test_key_pairs_are_per_user(cloud):
    _import(cloud.alice)
    assert cloud.bob.get('/v2.1/os-keypairs').json['keypairs'] == []
    assert cloud.bob.get('/v2.1/os-keypairs/sample-key').status_int == 404
    assert _import(cloud.bob).status_int == 201  # same name, other user
    # Another user's keys: admin only, from 2.10.
    assert cloud.bob.get('/v2.1/os-keypairs?user_id=alice').status_int \
        == 403
    admin_view = cloud.admin.get('/v2.1/os-keypairs?user_id=alice')
    assert [k['keypair']['name'] for k in admin_view.json['keypairs']] == [
        'sample-key']
    made = cloud.admin.post('/v2.1/os-keypairs', {'keypair': {
        'name': 'for-bob', 'public_key': ED25519, 'user_id': 'bob'}})
    assert made.json['keypair']['user_id'] == 'bob'


def test_paging_from_235(cloud):
    for name in ('k1', 'k2', 'k3'):
        _import(cloud.alice, name=name)
    page = cloud.alice.get('/v2.1/os-keypairs?limit=2', version='2.35')
    assert [k['keypair']['name'] for k in page.json['keypairs']] == [
        'k1', 'k2']
    assert 'marker=k2' in page.json['keypairs_links'][0]['href']
    rest = cloud.alice.get('/v2.1/os-keypairs?limit=2&marker=k2',
                           version='2.35')
    assert [k['keypair']['name'] for k in rest.json['keypairs']] == ['k3']
    assert 'keypairs_links' not in rest.json
    bad_marker = cloud.alice.get('/v2.1/os-keypairs?marker=nope',
                                 version='2.35')
    assert bad_marker.status_int == 400
    assert 'nope' in bad_marker.json['badRequest']['message']


def test_key_pairs_quota(cloud):
    cloud.admin.put('/v2.1/os-quota-sets/proj-a', {'quota_set': {
        'key_pairs': 1}})
    assert _import(cloud.alice, name='one').status_int == 201
    response = _import(cloud.alice, name='two')
    assert response.status_int == 403
    assert 'key_pairs' in response.json['forbidden']['message']


def test_server_gets_the_key_of_its_key_name(cloud):
    _import(cloud.alice)
    server = {'name': 'keyed', 'flavorRef': '1', 'imageRef': fakes.IMAGE_ID,
              'networks': 'none', 'key_name': 'sample-key'}
    response = cloud.alice.post('/v2.1/servers', {'server': server})
    assert response.status_int == 202, response.body
    cloud.conductor.wait()
    shown = cloud.alice.get('/v2.1/servers/' + response.json['server']['id'])
    assert shown.json['server']['key_name'] == 'sample-key'
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        instance = objects.Instance.get_by_uuid(
            cctx, response.json['server']['id'])
    assert instance.key_data == ED25519
    unknown = cloud.alice.post('/v2.1/servers', {'server': dict(
        server, key_name='nope')})
    assert unknown.status_int == 400
    assert unknown.json['badRequest']['message'] == \
        'Invalid key_name provided.'
