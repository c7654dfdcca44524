# SPDX-License-Identifier: Apache-2.0
"""The version document, /v2.0, extensions, 404, 405, auth, lost DB."""

from sqlalchemy import exc as sa_exc

from nova_like.network.objects import network as network_obj


def test_version_document_needs_no_token(client):
    resp = client.as_(None).get('/')
    assert resp.status_code == 200
    assert resp.json()['versions'][0]['id'] == 'v2.0'


def test_no_token_is_401(client):
    assert client.as_(None).get('/v2.0/networks').status_code == 401


def test_v2_index_and_extensions(client):
    resources = client.get('/v2.0').json()['resources']
    assert 'networks' in [r['collection'] for r in resources]
    aliases = [e['alias'] for e in client.get('/v2.0/extensions').json()[
        'extensions']]
    for alias in ('provider', 'external-net', 'binding', 'security-group',
                  'quotas', 'quota_details'):
        assert alias in aliases
    assert client.get('/v2.0/extensions/provider').status_code == 200
    assert client.get('/v2.0/extensions/nope').status_code == 404


def test_unknown_path_404_and_wrong_method_405_with_allow(client):
    resp = client.get('/v2.0/routers')
    assert resp.status_code == 404
    assert 'NeutronError' in resp.json()
    resp = client.put('/v2.0/networks')
    assert resp.status_code == 405
    assert resp.headers['Allow'] == 'GET, POST'


def test_every_answer_has_a_request_id(client):
    resp = client.get('/v2.0/networks')
    assert resp.headers['x-openstack-request-id'].startswith('req-')


def test_lost_database_is_503_with_retry_after(client, monkeypatch):
    def lost(ctx):
        raise sa_exc.OperationalError(
            'SELECT 1', {}, Exception(2013, 'Lost connection to MySQL '
                                            'server during query'))
    monkeypatch.setattr(network_obj, 'list_all', lost)
    resp = client.get('/v2.0/networks')
    assert resp.status_code == 503, resp.text
    assert resp.headers['Retry-After'] == '5'
