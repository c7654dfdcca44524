# SPDX-License-Identifier: Apache-2.0
"""Every route and method with junk input: a 4xx, never a 5xx."""

import random

import webob

from nova_like.volume import handler

USER = 'alice:p1'
JUNK = [None, {}, [], 'x', 0, -1, 2 ** 40, True, {'x': None},
        {'volume': None}, {'volume': []}, {'volume': {'size': 'big'}},
        {'volume_type': {'name': 7}}, {'quota_set': {'volumes': [1]}},
        {'quota_set': {'volumes': {'a': 1}}}, {'snapshot': {'volume_id': 1}},
        {'os-extend': {'new_size': 'x'}}, {'os-extend': None},
        {'os-reset_status': {'status': None}}, {'meta': {'': 'x'}},
        {'metadata': {'k' * 300: 'v'}}, {'extra_specs': {'k': ['v']}},
        {'os-set_bootable': {}}, {'os-update_readonly_flag': 5},
        {'a': 1, 'b': 2}, {'attachment': {'volume_uuid': 'x'}},
        {'attachment': {'connector': {}}}, {'os-complete': None},
        {'attachment': {'connector': {'host': 7}}}, {'os-attach': {}}]
QUERIES = ['', '?limit=-1', '?limit=abc', '?sort=:', '?sort=name:up',
           '?marker=x', '?all_tenants=1', '?usage=maybe', '?force=maybe',
           '?bootable=perhaps', '?metadata={1:', '?offset=z']


def test_junk_never_answers_5xx(client):
    user = client.as_(USER)
    volume = user.create_volume()
    user.wait_status(volume['id'], 'available')
    values = {'volume_id': volume['id'], 'type_id': 'nope',
              'snapshot_id': 'nope', 'message_id': 'nope', 'key': 'k',
              'target_project_id': 'p1', 'project_id': 'p1',
              'attachment_id': 'nope'}
    rng = random.Random(1234)
    seen = 0
    for path, methods in handler.ROUTE_DECLARATIONS.items():
        url = path.format(**values)
        for method in list(methods) + ['PATCH']:
            for who in (user, client.as_('admin:p1'), client):
                for body in rng.sample(JUNK, 6):
                    query = rng.choice(QUERIES)
                    raw = who is client
                    target = url if not raw else url.replace('/v3/p1',
                                                             '/v3/admin')
                    resp = who.at(rng.choice(['3.0', '3.27', '3.3', '3.44'])) \
                        .request(method, target + query, body, raw=True)
                    seen += 1
                    assert resp.status_code < 500, (method, target, query,
                                                    body, resp.text)
    assert seen > 500


def _raw(client, method, path, body=None):
    request = webob.Request.blank('/', method=method)
    request.environ['PATH_INFO'] = path.decode('latin-1')
    request.headers['X-Auth-Token'] = USER
    if body is not None:
        request.body = body
        request.content_type = 'application/json'
    return request.get_response(client.app)


def test_input_that_cannot_be_text_is_400_at_the_edge(client):
    cases = [('GET', b'/v3/p1/volumes/\xff', None, 'UTF-8'),
             ('GET', b'/v3/p1/volumes/x\n', None, 'control character'),
             ('POST', b'/v3/p1/volumes',
              b'{"volume": {"size": 1, "name": "a\\u0000"}}', 'NUL'),
             ('POST', b'/v3/p1/volumes', b'[' * 5000 + b']' * 5000,
              'nested deeper')]
    for method, path, body, words in cases:
        response = _raw(client, method, path, body)
        assert response.status_int == 400, response.body
        assert words in response.json['badRequest']['message']
    assert client.as_(USER).get('/volumes').json()['volumes'] == []


def test_paging_numbers_are_ascii_digits(client):
    user = client.as_(USER)
    for query in ('?offset=%C2%B2', '?limit=%C2%B2', '?offset=%D9%A1'):
        resp = user.get('/volumes/detail' + query)
        assert resp.status_code == 400, resp.text
        assert 'must be an integer >= 0' in resp.json()['badRequest'][
            'message']
    assert user.get('/volumes/detail?offset=%s' % 2 ** 64).status_code == 200
