# SPDX-License-Identifier: Apache-2.0
"""Server actions and instance actions answer as Nova 34's samples do.

In the shapes, status codes and headers of Nova 34's captured samples.
"""

import pytest

from tests.functional.api import samples
from tests.functional.api.live import act
from tests.functional.api.live import boot
from tests.functional.api.live import server
from tests.functional.api.live import wait_status


def _same_headers(response, nova):
    for name in ('Content-Type', 'Content-Length'):
        assert response.headers.get(name) == nova['headers'].get(name), name


@pytest.mark.parametrize('sample, body, then', [
    ('action_reboot_soft.json', None, 'ACTIVE'),
    ('action_os-stop.json', None, 'SHUTOFF')])
def test_accepted_actions_match_nova(live, sample, body, then):
    nova = samples.exchange(sample)
    uuid = boot(live.alice)
    response = act(live.alice, uuid, nova['request']['body'])
    assert response.status_int == nova['response']['status'] == 202
    assert response.body == b''
    _same_headers(response, nova['response'])
    wait_status(live.alice, uuid, then)


def test_stop_conflict_and_start_match_nova(live):
    uuid = boot(live.alice, metadata={'purpose': 'sample'})
    act(live.alice, uuid, {'os-stop': None})
    wait_status(live.alice, uuid, 'SHUTOFF')
    shutoff = server(live.admin, uuid)
    nova_shutoff = samples.body('server_show_SHUTOFF.json')['server']
    # The build path does not set root_device_name yet (not an action's).
    for body in (shutoff, nova_shutoff):
        body.pop('OS-EXT-SRV-ATTR:root_device_name')
    assert samples.shape(shutoff) == samples.shape(nova_shutoff)
    assert (shutoff['OS-EXT-STS:vm_state'], shutoff['OS-EXT-STS:power_state'],
            shutoff['OS-EXT-STS:task_state']) == (
        nova_shutoff['OS-EXT-STS:vm_state'],
        nova_shutoff['OS-EXT-STS:power_state'],
        nova_shutoff['OS-EXT-STS:task_state'])
    nova = samples.exchange('action_os-stop_conflict_409.json')['response']
    response = act(live.alice, uuid, {'os-stop': None})
    assert response.status_int == nova['status']
    expected = nova['body']
    expected['conflictingRequest']['message'] = expected[
        'conflictingRequest']['message'].replace(
            '67375622-d1e7-4769-a58a-2579249f97b7', uuid)
    assert response.json_body_or_none == expected
    assert response.headers['Content-Type'] == nova['headers'][
        'Content-Type']
    nova = samples.exchange('action_os-start.json')
    response = act(live.alice, uuid, nova['request']['body'])
    assert response.status_int == nova['response']['status']
    _same_headers(response, nova['response'])


def test_reboot_shows_reboot_status_like_nova(live):
    uuid = boot(live.alice)
    live.stack.computes['cmp1'].rpcserver.stop()
    live.stack.computes['cmp1'].rpcserver.wait()
    try:
        act(live.alice, uuid, {'reboot': {'type': 'SOFT'}})
        shown = server(live.admin, uuid)
    finally:
        live.stack.computes['cmp1'].rpcserver.start()
    nova = samples.body('server_show_during_reboot.json')['server']
    assert (shown['status'], shown['OS-EXT-STS:task_state']) == (
        nova['status'], nova['OS-EXT-STS:task_state'])
    wait_status(live.alice, uuid, 'ACTIVE')


def test_console_output_and_bad_action_match_nova(live):
    uuid = boot(live.alice)
    nova = samples.exchange('action_os-getConsoleOutput.json')
    response = act(live.alice, uuid, nova['request']['body'])
    assert response.status_int == nova['response']['status']
    assert samples.shape(response.json_body_or_none) == samples.shape(
        nova['response']['body'])
    assert response.headers['Content-Type'] == 'application/json'
    nova = samples.exchange('error_400_bad_action.json')
    response = act(live.alice, uuid, nova['request']['body'])
    assert response.status_int == nova['response']['status']
    assert response.json_body_or_none == nova['response']['body']


def test_instance_actions_list_matches_nova(live):
    uuid = boot(live.alice)
    act(live.alice, uuid, {'reboot': {'type': 'SOFT'}})
    wait_status(live.alice, uuid, 'ACTIVE')
    response = live.alice.get('/v2.1/servers/%s/os-instance-actions' % uuid)
    nova = samples.exchange('server_actions_list.json')['response']
    assert response.status_int == nova['status']
    ours = response.json_body_or_none['instanceActions']
    theirs = nova['body']['instanceActions']
    assert [a['action'] for a in ours] == ['reboot', 'create']
    assert samples.shape(ours[0]) == samples.shape(theirs[0])
    assert len(ours[0]['start_time']) == len(theirs[0]['start_time'])
