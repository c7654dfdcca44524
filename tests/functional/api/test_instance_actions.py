# SPDX-License-Identifier: Apache-2.0
"""os-instance-actions through the whole stack, and power-state sync.

For a guest that stops behind our back.
"""

import datetime
import time

from nova_like import conf
from nova_like.virt import power_state
from tests.functional.api.live import act
from tests.functional.api.live import boot
from tests.functional.api.live import PERIOD
from tests.functional.api.live import server
from tests.functional.api.live import wait_status
from tests.waiters import wait_for

CONF = conf.CONF


def _actions(client, uuid, query='', **kw):
    response = client.get('/v2.1/servers/%s/os-instance-actions%s'
                          % (uuid, query), **kw)
    assert response.status_int == 200, response.body
    return response.json_body_or_none


def _stop_start(live, uuid):
    act(live.alice, uuid, {'os-stop': None})
    wait_status(live.alice, uuid, 'SHUTOFF')
    response = act(live.alice, uuid, {'os-start': None})
    wait_status(live.alice, uuid, 'ACTIVE')
    return response.headers['x-openstack-request-id']


def test_every_action_is_listed_newest_first(live):
    uuid = boot(live.alice)
    start_request = _stop_start(live, uuid)
    act(live.alice, uuid, {'lock': None})
    act(live.alice, uuid, {'unlock': None})
    body = _actions(live.alice, uuid)
    assert [a['action'] for a in body['instanceActions']] == [
        'unlock', 'lock', 'start', 'stop', 'create']
    first = body['instanceActions'][2]
    assert sorted(first) == ['action', 'instance_uuid', 'message',
                             'project_id', 'request_id', 'start_time',
                             'updated_at', 'user_id']
    assert (first['request_id'], first['user_id'], first['project_id'],
            first['message']) == (start_request, 'alice', 'proj-a', None)
    assert 'updated_at' not in _actions(live.alice, uuid, version='2.57')[
        'instanceActions'][0]


def test_show_has_events_with_host_details_by_version(live):
    uuid = boot(live.alice)
    request_id = _stop_start(live, uuid)
    path = '/v2.1/servers/%s/os-instance-actions/%s' % (uuid, request_id)
    action = live.alice.get(path).json_body_or_none['instanceAction']
    [event] = action['events']
    assert event['event'] == 'compute_start_instance'
    assert event['result'] == 'Success'
    assert event['finish_time'] is not None
    assert 'traceback' not in event and 'host' not in event
    assert len(event['hostId']) == 56
    assert event['details'] is None
    older = live.alice.get(path, version='2.61').json_body_or_none
    assert 'hostId' not in older['instanceAction']['events'][0]
    assert 'details' not in live.alice.get(
        path, version='2.83').json_body_or_none['instanceAction'][
            'events'][0]
    admin = live.admin.get(path).json_body_or_none['instanceAction']
    assert admin['events'][0]['host'] == 'cmp1'
    assert 'traceback' in admin['events'][0]
    missing = live.alice.get('/v2.1/servers/%s/os-instance-actions/req-x'
                             % uuid)
    assert missing.status_int == 404


def test_failed_event_has_details_and_an_admin_only_traceback(live):
    uuid = boot(live.alice)
    CONF.set_override('fail_actions', ['suspend'], 'fake_driver')
    try:
        response = act(live.alice, uuid, {'suspend': None})
        wait_status(live.alice, uuid, 'ERROR')
    finally:
        CONF.clear_override('fail_actions', 'fake_driver')
    path = '/v2.1/servers/%s/os-instance-actions/%s' % (
        uuid, response.headers['x-openstack-request-id'])
    action = live.alice.get(path).json_body_or_none['instanceAction']
    assert action['message'] == 'Error'
    [event] = action['events']
    assert (event['event'], event['result']) == ('compute_suspend_instance',
                                                  'Error')
    assert 'injected fault' in event['details']
    assert 'traceback' not in event
    admin = live.admin.get(path).json_body_or_none['instanceAction']
    assert 'HypervisorError' in admin['events'][0]['traceback']


def test_paging_and_changes_since_from_2_58(live):
    uuid = boot(live.alice)
    _stop_start(live, uuid)
    page = _actions(live.alice, uuid, '?limit=2')
    assert [a['action'] for a in page['instanceActions']] == ['start',
                                                              'stop']
    [link] = page['links']
    assert link['rel'] == 'next'
    marker = page['instanceActions'][-1]['request_id']
    assert 'marker=%s' % marker in link['href']
    rest = _actions(live.alice, uuid, '?limit=2&marker=' + marker)
    assert [a['action'] for a in rest['instanceActions']] == ['create']
    assert 'links' not in rest
    bad = live.alice.get('/v2.1/servers/%s/os-instance-actions?marker=nope'
                         % uuid)
    assert bad.status_int == 400
    assert live.alice.get('/v2.1/servers/%s/os-instance-actions?limit=x'
                          % uuid).status_int == 400
    assert live.alice.get('/v2.1/servers/%s/os-instance-actions?bogus=1'
                          % uuid).status_int == 400
    # Before 2.58 the query is not read.
    older = _actions(live.alice, uuid, '?limit=1', version='2.57')
    assert len(older['instanceActions']) == 3
    future = (datetime.datetime.utcnow() + datetime.timedelta(hours=1)
              ).strftime('%Y-%m-%dT%H:%M:%SZ')
    assert _actions(live.alice, uuid, '?changes-since=' + future)[
        'instanceActions'] == []
    assert len(_actions(live.alice, uuid, '?changes-before=' + future)[
        'instanceActions']) == 3
    assert live.alice.get('/v2.1/servers/%s/os-instance-actions?'
                          'changes-before=%s' % (uuid, future),
                          version='2.65').status_int == 400
    assert live.alice.get('/v2.1/servers/%s/os-instance-actions?'
                          'changes-since=yesterday' % uuid
                          ).status_int == 400


def test_actions_of_a_deleted_server_remain_readable(live):
    uuid = boot(live.alice)
    assert live.alice.delete('/v2.1/servers/%s' % uuid).status_int == 204
    wait_for(lambda: live.alice.get('/v2.1/servers/%s' % uuid).status_int,
             15, 'delete', interval=0.05, until=lambda status: status == 404)
    body = _actions(live.alice, uuid)
    assert [a['action'] for a in body['instanceActions']] == ['delete',
                                                              'create']
    assert live.alice.get('/v2.1/servers/%s/os-instance-actions' % uuid,
                          version='2.20').status_int == 404
    assert live.bob.get('/v2.1/servers/%s/os-instance-actions'
                        % uuid).status_int == 404


def test_guest_stopped_behind_our_back_is_shutoff_within_a_period(live):
    uuid = boot(live.alice)
    stopped = time.monotonic()
    live.driver.stop_behind_our_back(uuid)
    body = wait_status(live.alice, uuid, 'SHUTOFF', timeout=PERIOD + 2)
    assert time.monotonic() - stopped <= PERIOD + 1
    assert body['OS-EXT-STS:power_state'] == power_state.SHUTDOWN
    assert act(live.alice, uuid, {'os-start': None}).status_int == 202
    wait_status(live.alice, uuid, 'ACTIVE')


def test_periodic_sync_catches_a_change_no_event_reported(live):
    uuid = boot(live.alice)
    # No listener: only the periodic comparison can notice.
    live.driver.register_event_listener(None)
    live.driver.stop_behind_our_back(uuid, power_state.CRASHED)
    body = wait_status(live.alice, uuid, 'SHUTOFF', timeout=2 * PERIOD + 5)
    assert body['OS-EXT-STS:power_state'] == power_state.CRASHED
    # A paused guest under an ACTIVE server only has its power_state fixed.
    act(live.alice, uuid, {'os-start': None})
    wait_status(live.alice, uuid, 'ACTIVE')
    live.driver.stop_behind_our_back(uuid, power_state.PAUSED)
    wait_for(lambda: server(live.alice, uuid)['OS-EXT-STS:power_state'],
             2 * PERIOD + 5, 'power_state paused', interval=0.05,
             until=lambda state: state == power_state.PAUSED)
    assert server(live.alice, uuid)['status'] == 'ACTIVE'
