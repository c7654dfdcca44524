# SPDX-License-Identifier: Apache-2.0
"""os-resetState and injectNetworkInfo: admin only, recorded as actions."""

import pytest

MISSING = '00000000-0000-4000-8000-000000000000'


def _act(client, server_id, body):
    return client.post('/v2.1/servers/%s/action' % server_id, body)


def _actions(client, server_id):
    return [a['action'] for a in client.get(
        '/v2.1/servers/%s/os-instance-actions' % server_id
    ).json['instanceActions']]


@pytest.fixture
def server_id(cloud):
    return cloud.boot(cloud.alice).json['server']['id']


def test_reset_state_to_error_and_back(cloud, server_id):
    answer = _act(cloud.admin, server_id,
                  {'os-resetState': {'state': 'error'}})
    assert answer.status_int == 202, answer.body
    assert answer.body == b''
    shown = cloud.admin.get('/v2.1/servers/' + server_id).json['server']
    assert (shown['status'], shown['OS-EXT-STS:task_state']) == ('ERROR',
                                                                 None)
    assert _act(cloud.admin, server_id, {'os-resetState': {
        'state': 'active'}}).status_int == 202
    assert cloud.alice.get('/v2.1/servers/' + server_id).json['server'][
        'status'] == 'ACTIVE'
    assert _actions(cloud.admin, server_id)[:2] == ['resetState',
                                                    'resetState']


def test_reset_state_clears_a_stuck_task_and_ignores_the_lock(
        cloud, server_id):
    assert _act(cloud.alice, server_id, {'lock': None}).status_int == 202
    assert _act(cloud.admin, server_id, {'os-resetState': {
        'state': 'active'}}).status_int == 202


@pytest.mark.parametrize('body', [
    {'os-resetState': {'state': 'deleted'}}, {'os-resetState': {}},
    {'os-resetState': None}, {'os-resetState': {'state': 'active', 'x': 1}},
    {'os-resetState': {'state': 'error'}, 'x': 1}])
def test_bad_bodies_are_400(cloud, server_id, body):
    assert _act(cloud.admin, server_id, body).status_int == 400


def test_admin_only_and_404_for_no_server(cloud, server_id):
    for body in ({'os-resetState': {'state': 'error'}},
                 {'injectNetworkInfo': None}):
        assert _act(cloud.alice, server_id, body).status_int == 403
        assert _act(cloud.bob, server_id, body).status_int == 404
        missing = _act(cloud.admin, MISSING, body)
        assert missing.status_int == 404
        assert 'itemNotFound' in missing.json


def test_inject_network_info_is_recorded_locked_or_not(
        cloud, server_id):
    answer = _act(cloud.admin, server_id, {'injectNetworkInfo': None})
    assert answer.status_int == 202, answer.body
    assert _actions(cloud.admin, server_id)[0] == 'injectNetworkInfo'
    assert _act(cloud.alice, server_id, {'lock': None}).status_int == 202
    # An admin passes a lock, as in Nova.
    assert _act(cloud.admin, server_id,
                {'injectNetworkInfo': None}).status_int == 202
