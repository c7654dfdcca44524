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
        cloud.start_all(HOSTS)
        cloud.add_tiny(image['id'])
        yield cloud
    finally:
        cloud.destroy()


def _restart(cloud, name):
    binary = 'nova-like-compute' if name.startswith('compute-') else \
        'nova-like-' + name
    cloud.start(name, binary, cloud.controller_conf)


def _ensure_postgresql():
    subprocess.run(PG_RESTART.replace('restart', 'start'), shell=True,
                   check=False, capture_output=True)


SCENARIOS = {
    'conductor-kill': ('boot', 'conductor'),
    'scheduler-kill': ('boot', 'scheduler'),
    'conductor-kill-deletes': ('delete', 'conductor'),
    'postgresql-restart': ('boot', None),
}


@pytest.mark.parametrize('scenario', list(SCENARIOS))
def test_storm(storm_cloud, scenario):
    operation, daemon = SCENARIOS[scenario]
    cloud = storm_cloud
    if daemon:
        inject = functools.partial(cloud.stop, daemon, sig=signal.SIGKILL)
        heal = functools.partial(_restart, cloud, daemon)
    else:
        inject = functools.partial(subprocess.run, PG_RESTART, shell=True,
                                   check=True, capture_output=True)
        heal = _ensure_postgresql
    admin = cloud.connect('admin:admin')
    try:
        storm, report = fault_storm.run_scenario(
            lambda: cloud.connect('demo:demo'), admin, cloud.placement,
            operation, inject, heal, cloud.image_id, '1', count=20,
            concurrency=5, settle_timeout=90)
    finally:
        _ensure_postgresql()
        if daemon and cloud.procs[daemon].poll() is not None:
            _restart(cloud, daemon)
    print('%s: %s' % (scenario, report))
    try:
        assert fault_storm.problems(report) == {}, report
        assert report['servers'] or operation == 'delete'
    finally:
        fault_storm.cleanup(admin, storm.prefix, timeout=120)
