# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/metadata and /servers/{id}/tags through the whole stack.

Shapes, validation, state and lock guards.
"""

from tests.functional.api.live import act
from tests.functional.api.live import boot
from tests.functional.api.live import server
from tests.functional.api.live import wait_status


def _message(response):
    [(_name, fault)] = response.json_body_or_none.items()
    return fault['message']


def test_metadata_replace_merge_and_items(live):
    uuid = boot(live.alice, metadata={'a': '1'})
    path = '/v2.1/servers/%s/metadata' % uuid
    assert live.alice.get(path).json_body_or_none == {'metadata': {'a': '1'}}
    response = live.alice.post(path, {'metadata': {'b': '2'}})
    assert response.status_int == 200
    assert response.json_body_or_none == {'metadata': {'a': '1', 'b': '2'}}
    response = live.alice.put(path, {'metadata': {'c': '3'}})
    assert response.json_body_or_none == {'metadata': {'c': '3'}}
    assert live.alice.get(path + '/c').json_body_or_none == {
        'meta': {'c': '3'}}
    response = live.alice.put(path + '/d', {'meta': {'d': '4'}})
    assert (response.status_int, response.json_body_or_none) == (
        200, {'meta': {'d': '4'}})
    assert server(live.alice, uuid)['metadata'] == {'c': '3', 'd': '4'}
    assert live.alice.delete(path + '/c').status_int == 204
    response = live.alice.delete(path + '/c')
    assert (response.status_int, _message(response)) == (
        404, 'Metadata item was not found')
    assert live.alice.get(path + '/c').status_int == 404
    assert live.bob.get(path).status_int == 404


def test_metadata_validation(live):
    uuid = boot(live.alice)
    path = '/v2.1/servers/%s/metadata' % uuid
    for body in ({'metadata': {'': 'v'}}, {'metadata': {'k' * 256: 'v'}},
                 {'metadata': {'k': 'v' * 256}}, {'metadata': {'k': 1}},
                 {'metadata': []}, {'meta': {'k': 'v'}}):
        response = live.alice.post(path, body)
        assert response.status_int == 400, body
    response = live.alice.put(path + '/k', {'meta': {'other': 'v'}})
    assert (response.status_int, _message(response)) == (
        400, 'Request body and URI mismatch')
    response = live.alice.put(path + '/k', {'meta': {'k': 'v', 'j': 'w'}})
    assert (response.status_int, _message(response)) == (
        400, 'Request body contains too many items')
    assert live.alice.put(path + '/k', {'meta': {}}).status_int == 400
    assert live.alice.get(path).json_body_or_none == {'metadata': {}}


def test_metadata_refused_while_locked_or_busy(live):
    uuid = boot(live.alice)
    path = '/v2.1/servers/%s/metadata' % uuid
    act(live.alice, uuid, {'lock': None})
    response = live.alice.post(path, {'metadata': {'k': 'v'}})
    assert (response.status_int, _message(response)) == (
        409, 'Instance %s is locked' % uuid)
    assert live.admin.post(path, {'metadata': {'k': 'v'}}).status_int == 200
    act(live.alice, uuid, {'unlock': None})
    live.stack.computes['cmp1'].rpcserver.stop()
    live.stack.computes['cmp1'].rpcserver.wait()
    try:
        act(live.alice, uuid, {'os-stop': None})
        response = live.alice.put(path + '/k', {'meta': {'k': 'w'}})
    finally:
        live.stack.computes['cmp1'].rpcserver.start()
    assert (response.status_int, _message(response)) == (
        409, "Cannot 'update metadata' instance %s while it is in "
        "task_state powering-off" % uuid)
    wait_status(live.alice, uuid, 'SHUTOFF')
    assert live.alice.put(path + '/k', {'meta': {'k': 'w'}}
                          ).status_int == 200


def test_tags_lifecycle(live):
    uuid = boot(live.alice, tags=['boot'])
    path = '/v2.1/servers/%s/tags' % uuid
    assert live.alice.get(path).json_body_or_none == {'tags': ['boot']}
    response = live.alice.put(path + '/web', None)
    assert response.status_int == 201
    assert response.headers['Location'] == (
        'http://127.0.0.1:8774/v2.1/servers/%s/tags/web' % uuid)
    response = live.alice.put(path + '/web', None)
    assert response.status_int == 204
    assert response.headers['Location'].endswith('/tags/web')
    assert live.alice.get(path + '/web').status_int == 204
    response = live.alice.get(path + '/nope')
    assert (response.status_int, _message(response)) == (
        404, "Instance %s has no tag 'nope'" % uuid)
    assert server(live.alice, uuid)['tags'] == ['boot', 'web']
    response = live.alice.put(path, {'tags': ['a', 'b', 'a']})
    assert (response.status_int, response.json_body_or_none) == (
        200, {'tags': ['a', 'b']})
    assert live.alice.delete(path + '/a').status_int == 204
    assert live.alice.delete(path + '/a').status_int == 404
    assert live.alice.delete(path).status_int == 204
    assert live.alice.get(path).json_body_or_none == {'tags': []}


def test_tags_need_2_26_and_valid_tags(live):
    uuid = boot(live.alice)
    path = '/v2.1/servers/%s/tags' % uuid
    assert live.alice.get(path, version='2.25').status_int == 404
    assert 'tags' not in server(live.alice, uuid, version='2.25')
    assert server(live.alice, uuid, version='2.26')['tags'] == []
    for tags in (['a,b'], ['x' * 61], [''], 'abc', [1]):
        assert live.alice.put(path, {'tags': tags}).status_int == 400, tags
    response = live.alice.put(path, {'tags': ['t%d' % i for i in range(51)]})
    assert (response.status_int, _message(response)) == (
        400, 'The number of tags exceeded the per-server limit 50')
    assert live.alice.put(path, {'tags': ['t%d' % i for i in range(50)]}
                          ).status_int == 200
    response = live.alice.put(path + '/one-more', None)
    assert (response.status_int, _message(response)) == (
        400, 'The number of tags exceeded the per-server limit 50')
    response = live.alice.put(path + '/' + 'x' * 61, None)
    assert response.status_int == 400
    assert 'Invalid tag' in _message(response)
    response = live.alice.put(path + '/a,b', None)
    assert response.status_int == 400
    assert len(live.alice.get(path).json_body_or_none['tags']) == 50
