# SPDX-License-Identifier: Apache-2.0
"""Faults while boots or deletes are in flight: nothing stuck or lost.

Nor double-counted. Each scenario of tools/fault_storm.py runs against a
test cloud on PostgreSQL with three fake compute hosts: a storm of boots
(or deletes) from several clients, a fault injected once it is going and
healed 10 s later, then every invariant checked (no server stuck in BUILD
or DELETING, every ERROR with a fault, no allocation without a server, no
ACTIVE server without its allocation, usage on each host equal to its
servers' flavors, no server left by a boot answered 5xx).
"""

import functools
import signal
import subprocess

import pytest

from tests.integration import cloud as cloud_mod
from tools import fault_storm
from tools import openstack_services

pytestmark = pytest.mark.integration

HOSTS = ['cmp1', 'cmp2', 'cmp3']
# Short deadlines so that a scenario settles in well under a minute; the
# cloud's rpc_response_timeout is 20 s.
CONDUCTOR = ('build_request_timeout = 30\n'
             'placement_audit_interval = 2\n')
PG_RESTART = ('pg_ctlcluster --skip-systemctl-redirect '
              '$(ls /etc/postgresql) main restart')


@pytest.fixture(scope='module')
def storm_cloud(tmp_path_factory, glance_noauth):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('storms')
    image = glance_noauth.create_image(
        'tiny', openstack_services.write_tiny_image(path / 'tiny.raw'))
    cloud = cloud_mod.Cloud(path, 'postgresql', conductor_conf=CONDUCTOR)
    cloud.glance_url = glance_noauth.url
    try:
        # Builds on cmp3 take a while, so that killing it catches some.
        cloud.start_all(HOSTS, {'cmp3': 'spawn_delay = 3\n'})
        cloud.add_tiny(image['id'])
        yield cloud
    finally:
        cloud.destroy()


def _restart(cloud, name):
    if name.startswith('compute-'):
        host = name[len('compute-'):]
        cloud.start_compute(host, 'spawn_delay = 3\n' if host == 'cmp3'
                            else '')
    else:
        cloud.start(name, 'nova-like-' + name, cloud.controller_conf)


def _shell(command, check=True):
    return functools.partial(subprocess.run, command, shell=True,
                             check=check, capture_output=True)


def _kill(daemon):
    """SIGKILL daemon; heal: start it again."""
    def faults(cloud):
        return (functools.partial(cloud.stop, daemon, sig=signal.SIGKILL),
                functools.partial(_restart, cloud, daemon))
    return faults


def _outage(stop, start):
    """A server stopped; heal: started again (also after a failure)."""
    return lambda cloud: (_shell(stop), _shell(start, check=False))


PG_START = PG_RESTART.replace('restart', 'start')
SCENARIOS = {
    'conductor-kill': ('boot', _kill('conductor')),
    'scheduler-kill': ('boot', _kill('scheduler')),
    'compute-kill': ('boot', _kill('compute-cmp3')),
    'conductor-kill-deletes': ('delete', _kill('conductor')),
    'postgresql-restart': ('boot', lambda cloud: (_shell(PG_RESTART),
                                                  _shell(PG_START, False))),
    'rabbitmq-restart': ('boot', _outage('rabbitmqctl stop_app',
                                         'rabbitmqctl start_app')),
}


@pytest.mark.parametrize('scenario', list(SCENARIOS))
def test_storm(storm_cloud, scenario):
    operation, faults = SCENARIOS[scenario]
    cloud = storm_cloud
    inject, heal = faults(cloud)
    admin = cloud.connect('admin:admin')
    try:
        storm, report = fault_storm.run_scenario(
            lambda: cloud.connect('demo:demo'), admin, cloud.placement,
            operation, inject, heal, cloud.image_id, '1', count=20,
            concurrency=5, settle_timeout=90)
    finally:
        # Whatever failed, the next scenario (and test) needs it all back.
        heal_everything(cloud)
    print('%s: %s' % (scenario, report))
    try:
        assert fault_storm.problems(report) == {}, report
        assert report['servers'] or operation == 'delete'
    finally:
        fault_storm.cleanup(admin, storm.prefix, timeout=120)


def heal_everything(cloud):
    _shell(PG_START, check=False)()
    _shell('rabbitmqctl start_app', check=False)()
    for name, proc in cloud.procs.items():
        if proc.poll() is not None:
            _restart(cloud, name)
