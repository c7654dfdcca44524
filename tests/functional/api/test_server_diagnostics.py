# SPDX-License-Identifier: Apache-2.0
"""Server diagnostics through the whole stack, from the fake driver."""

from tests.functional.api.live import act
from tests.functional.api.live import boot
from tests.functional.api.live import wait_status

_STANDARD = ['config_drive', 'cpu_details', 'disk_details', 'driver',
             'hypervisor', 'hypervisor_os', 'memory_details', 'nic_details',
             'num_cpus', 'num_disks', 'num_nics', 'state', 'uptime']


def test_diagnostics_per_microversion_and_state(live):
    uuid = boot(live.alice)
    path = '/v2.1/servers/%s/diagnostics' % uuid
    answer = live.admin.get(path)
    assert answer.status_int == 200, answer.body
    body = answer.json
    assert sorted(body) == _STANDARD
    assert (body['state'], body['driver']) == ('running', 'libvirt')
    assert body['memory_details']['maximum'] > 0
    assert body['num_cpus'] == len(body['cpu_details'])
    legacy = live.admin.get(path, version='2.47').json
    assert legacy['memory'] == body['memory_details']['maximum'] * 1024
    assert 'cpu0_time' in legacy and 'disk0_read' in legacy
    assert live.alice.get(path).status_int == 403
    assert live.bob.get(path).status_int == 404
    act(live.alice, uuid, {'os-stop': None})
    wait_status(live.alice, uuid, 'SHUTOFF')
    stopped = live.admin.get(path)
    assert stopped.status_int == 409, stopped.body
    assert 'power state shutdown' in stopped.json['conflictingRequest'][
        'message']
