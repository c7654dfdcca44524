# SPDX-License-Identifier: Apache-2.0
"""POST /servers/{id}/action through the whole stack.

Each action's path, its state guard, locks and driver failures.
"""

import pytest

from tests.functional.api.live import act
from tests.functional.api.live import boot
from tests.functional.api.live import server
from tests.functional.api.live import wait_status


def _error(response):
    body = response.json_body_or_none
    [(name, fault)] = body.items()
    return response.status_int, name, fault['message']


def test_stop_start_answer_like_nova(live):
    uuid = boot(live.alice)
    response = act(live.alice, uuid, {'os-stop': None})
    assert response.status_int == 202
    assert response.body == b''
    assert response.headers['Content-Type'] == 'application/json'
    body = wait_status(live.alice, uuid, 'SHUTOFF')
    assert (body['OS-EXT-STS:vm_state'], body['OS-EXT-STS:power_state']) == (
        'stopped', 4)
    response = act(live.alice, uuid, {'os-stop': None})
    assert _error(response) == (
        409, 'conflictingRequest', "Cannot 'stop' instance %s while it is "
        "in vm_state stopped" % uuid)
    assert act(live.alice, uuid, {'os-start': None}).status_int == 202
    body = wait_status(live.alice, uuid, 'ACTIVE')
    assert body['OS-EXT-STS:power_state'] == 1


@pytest.mark.parametrize('action,status,guard', [
    ('pause', 'PAUSED', 'unpause'),
    ('suspend', 'SUSPENDED', 'resume'),
])
def test_pause_and_suspend_round_trip(live, action, status, guard):
    uuid = boot(live.alice)
    assert _error(act(live.alice, uuid, {guard: None}))[2] == (
        "Cannot '%s' instance %s while it is in vm_state active"
        % (guard, uuid))
    assert act(live.alice, uuid, {action: None}).status_int == 202
    wait_status(live.alice, uuid, status)
    assert _error(act(live.alice, uuid, {'os-stop': None}))[0] == 409
    assert act(live.alice, uuid, {guard: None}).status_int == 202
    wait_status(live.alice, uuid, 'ACTIVE')


def test_reboot_soft_and_hard(live):
    uuid = boot(live.alice)
    assert act(live.alice, uuid, {'reboot': {'type': 'SOFT'}}
               ).status_int == 202
    wait_status(live.alice, uuid, 'ACTIVE')
    assert act(live.alice, uuid, {'os-stop': None}).status_int == 202
    wait_status(live.alice, uuid, 'SHUTOFF')
    # A soft reboot needs a running server; a hard one starts it.
    assert _error(act(live.alice, uuid, {'reboot': {'type': 'soft'}}))[2] \
        == "Cannot 'reboot' instance %s while it is in vm_state stopped" \
        % uuid
    assert act(live.alice, uuid, {'reboot': {'type': 'HARD'}}
               ).status_int == 202
    body = wait_status(live.alice, uuid, 'ACTIVE')
    assert body['OS-EXT-STS:power_state'] == 1
    console = live.driver.get_console_output(None, _Instance(uuid))
    assert console.count('Booting vm') == 3


class _Instance:
    def __init__(self, uuid):
        self.uuid = uuid


def test_task_state_in_flight_is_named(live):
    uuid = boot(live.alice)
    # Hold the compute host back so that the task state stays set.
    live.stack.computes['cmp1'].rpcserver.stop()
    live.stack.computes['cmp1'].rpcserver.wait()
    try:
        assert act(live.alice, uuid, {'os-stop': None}).status_int == 202
        assert server(live.alice, uuid)['OS-EXT-STS:task_state'] == \
            'powering-off'
        assert _error(act(live.alice, uuid, {'pause': None}))[2] == (
            "Cannot 'pause' instance %s while it is in task_state "
            "powering-off" % uuid)
    finally:
        live.stack.computes['cmp1'].rpcserver.start()
    wait_status(live.alice, uuid, 'SHUTOFF')


def test_bad_action_bodies_are_400(live):
    uuid = boot(live.alice)
    assert _error(act(live.alice, uuid, {'reboot': {'type': 'BOGUS'}})) == (
        400, 'badRequest',
        ("Invalid input for field/attribute type. Value: BOGUS. 'BOGUS' is "
         "not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']"))
    assert _error(act(live.alice, uuid, {'fly': None}))[:2] == (
        400, 'badRequest')
    assert 'fly' in _error(act(live.alice, uuid, {'fly': None}))[2]
    response = act(live.alice, uuid, {'os-getConsoleOutput': {
        'length': 'ten'}})
    assert response.status_int == 400
    assert act(live.alice, uuid, {'lock': {'locked_reason': 'x' * 256}}
               ).status_int == 400
    assert server(live.alice, uuid)['locked'] is False


def test_other_projects_see_404_and_readers_cannot_act(live):
    uuid = boot(live.alice)
    response = act(live.bob, uuid, {'os-stop': None})
    assert response.status_int == 404


def test_console_output_tails_the_log(live):
    uuid = boot(live.alice, name='web-1')
    response = act(live.alice, uuid, {'os-getConsoleOutput': {}})
    assert response.status_int == 200
    output = response.json_body_or_none['output']
    assert 'Booting web-1' in output and 'web-1 login:' in output
    response = act(live.alice, uuid, {'os-getConsoleOutput': {'length': 1}})
    assert response.json_body_or_none == {'output': 'web-1 login:\n'}
    response = act(live.alice, uuid, {'os-getConsoleOutput': {
        'length': '-1'}})
    assert response.json_body_or_none['output'] == output


def test_console_output_of_a_host_that_does_not_answer(live):
    from nova_like import conf
    uuid = boot(live.alice)
    conf.CONF.set_override('console_output_timeout', 1, 'compute')
    live.stack.computes['cmp1'].rpcserver.stop()
    live.stack.computes['cmp1'].rpcserver.wait()
    try:
        response = act(live.alice, uuid, {'os-getConsoleOutput': {}})
    finally:
        live.stack.computes['cmp1'].rpcserver.start()
        conf.CONF.clear_override('console_output_timeout', 'compute')
    assert _error(response) == (
        500, 'computeFault',
        ('Compute host cmp1 did not answer the console output request '
         'within 1s'))


def test_lock_blocks_the_owner_not_the_admin(live):
    uuid = boot(live.alice)
    assert act(live.alice, uuid, {'lock': {'locked_reason': 'audit'}}
               ).status_int == 202
    body = server(live.alice, uuid)
    assert (body['locked'], body['locked_reason']) == (True, 'audit')
    assert 'locked' not in server(live.alice, uuid, version='2.8')
    assert 'locked_reason' not in server(live.alice, uuid, version='2.72')
    assert server(live.alice, uuid, version='2.9')['locked'] is True
    locked = 'Instance %s is locked' % uuid
    assert _error(act(live.alice, uuid, {'os-stop': None})) == (
        409, 'conflictingRequest', locked)
    assert _error(live.alice.delete('/v2.1/servers/%s' % uuid))[2] == locked
    assert _error(live.alice.put('/v2.1/servers/%s' % uuid, {
        'server': {'name': 'x'}}))[2] == locked
    assert act(live.admin, uuid, {'os-stop': None}).status_int == 202
    wait_status(live.alice, uuid, 'SHUTOFF')
    assert act(live.alice, uuid, {'unlock': None}).status_int == 202
    body = server(live.alice, uuid)
    assert (body['locked'], body['locked_reason']) == (False, None)
    assert act(live.alice, uuid, {'os-start': None}).status_int == 202


def test_lock_reason_needs_2_73_and_admin_lock_needs_override(live):
    uuid = boot(live.alice)
    # Before 2.73 the body is not read, as in Nova: no reason is kept.
    response = act(live.alice, uuid, {'lock': {'locked_reason': 'r'}},
                   version='2.72')
    assert response.status_int == 202
    assert server(live.alice, uuid)['locked_reason'] is None
    assert act(live.alice, uuid, {'unlock': None}).status_int == 202
    assert act(live.admin, uuid, {'lock': None}).status_int == 202
    response = act(live.alice, uuid, {'unlock': None})
    assert _error(response)[:2] == (403, 'forbidden')
    assert 'unlock_override' in _error(response)[2]
    assert act(live.admin, uuid, {'unlock': None}).status_int == 202


def test_driver_failure_leaves_error_with_a_fault(live):
    from nova_like import conf
    uuid = boot(live.alice)
    conf.CONF.set_override('fail_actions', ['pause'], 'fake_driver')
    try:
        assert act(live.alice, uuid, {'pause': None}).status_int == 202
        body = wait_status(live.alice, uuid, 'ERROR')
    finally:
        conf.CONF.clear_override('fail_actions', 'fake_driver')
    assert body['fault']['message'].startswith(
        'Failed to pause the server on cmp1: Hypervisor on cmp1: pause of')
    assert body['OS-EXT-STS:power_state'] == 1
    # From ERROR a stop or a hard reboot is allowed, as in Nova.
    assert act(live.alice, uuid, {'reboot': {'type': 'HARD'}}
               ).status_int == 202
    wait_status(live.alice, uuid, 'ACTIVE')
