# SPDX-License-Identifier: Apache-2.0
"""The backbone as real processes.

Registration, heartbeats, RPC, conductor indirection, faults.
"""

import os
import signal
import socket
import subprocess
import time

import pytest
import sqlalchemy as sa

from tests.integration import cloud as cloud_mod

pytestmark = pytest.mark.integration

BINARIES = {('nova-like-api', 'ctl'), ('nova-like-conductor', 'ctl'),
            ('nova-like-placement', 'ctl'),
            ('nova-like-scheduler', 'ctl'), ('nova-like-compute', 'cmp1'),
            ('nova-like-compute', 'cmp2')}


def _report_counts(cloud):
    engine = sa.create_engine(cloud.urls['cell1'])
    try:
        with engine.connect() as conn:
            return {(r.binary, r.host): r.report_count for r in conn.execute(
                sa.text('SELECT "binary", host, report_count FROM services'
                        if cloud.backend == 'postgresql' else
                        'SELECT `binary`, host, report_count FROM services'))}
    finally:
        engine.dispose()


def test_every_service_registers_and_heartbeats(backbone):
    assert set(backbone.services()) == BINARIES
    before = _report_counts(backbone)
    cloud_mod.wait_for(
        lambda: all(c > before[k] for k, c in
                    _report_counts(backbone).items()), 15,
        'every report_count to grow')


def test_rpc_round_trips_api_conductor_scheduler_and_compute(backbone):
    for host in ('cmp1', 'cmp2'):
        response = backbone.healthcheck(compute_host=host)
        assert response.status_code == 200, response.text
        rpc = response.json()['rpc']
        assert rpc['conductor'] == 'ctl'
        assert rpc['scheduler']['host'] == 'ctl'
        assert rpc['compute'] == {'host': host, 'driver': 'fake',
                                  'ms': rpc['compute']['ms']}


def test_compute_writes_land_in_cell_db_through_conductor(backbone):
    # The compute config has no database at all (see Cloud.compute_conf),
    # yet its ComputeNode row is in the cell DB: it went through the
    # conductor.
    assert '[database]' not in backbone.compute_conf('cmp1').read_text()
    engine = sa.create_engine(backbone.urls['cell1'])
    with engine.connect() as conn:
        nodes = conn.execute(sa.text(
            'SELECT host, hypervisor_hostname, vcpus FROM compute_nodes '
            'ORDER BY host')).all()
    engine.dispose()
    assert [tuple(n) for n in nodes] == [('cmp1', 'cmp1', 8),
                                         ('cmp2', 'cmp2', 8)]
    backbone.manage('cell_v2', 'discover_hosts')
    hosts = backbone.manage('cell_v2', 'list_hosts').stdout
    assert 'cmp1' in hosts and 'cmp2' in hosts


def test_compute_heartbeat_stops_without_conductor(backbone):
    """Conductor gone, compute cannot write: proof it has no DB path."""
    backbone.stop('conductor')
    try:
        time.sleep(2)
        frozen = _report_counts(backbone)[('nova-like-compute', 'cmp1')]
        time.sleep(3)
        assert _report_counts(backbone)[
            ('nova-like-compute', 'cmp1')] == frozen
    finally:
        backbone.start('conductor', 'nova-like-conductor',
                       backbone.controller_conf)
    before = _report_counts(backbone)[('nova-like-compute', 'cmp1')]
    cloud_mod.wait_for(
        lambda: _report_counts(backbone)[('nova-like-compute', 'cmp1')]
        > before, 30, 'compute heartbeats to resume through the conductor')


def test_killed_compute_is_reported_down(backbone):
    backbone.stop('compute-cmp2', sig=signal.SIGKILL)
    try:
        cloud_mod.wait_for(
            lambda: backbone.services()[('nova-like-compute', 'cmp2')][
                'state'] == 'down', backbone.service_down_time + 10,
            'cmp2 reported down')
        states = backbone.services()
        assert states[('nova-like-compute', 'cmp1')]['state'] == 'up'
        assert backbone.healthcheck(compute_host='cmp2', timeout=2
                                    ).status_code == 503
    finally:
        backbone.start_compute('cmp2')
    cloud_mod.wait_for(
        lambda: backbone.services()[('nova-like-compute', 'cmp2')][
            'state'] == 'up', 30, 'cmp2 up again after restart')


# The broker is shared by every backend: it is bounced once per run.
@pytest.mark.parametrize('backbone', ['postgresql'], indirect=True)
def test_daemons_recover_after_broker_restart(backbone):
    try:
        subprocess.run(['rabbitmqctl', 'stop_app'], check=True,
                       capture_output=True, timeout=60)
        time.sleep(1)
    finally:
        subprocess.run(['rabbitmqctl', 'start_app'], check=True,
                       capture_output=True, timeout=60)
    start = time.monotonic()
    for host in ('cmp1', 'cmp2'):
        cloud_mod.wait_for(
            lambda host=host: backbone.healthcheck(
                compute_host=host, timeout=4).status_code == 200,
            30 - (time.monotonic() - start), 'RPC to %s after restart' % host)
    before = _report_counts(backbone)
    cloud_mod.wait_for(
        lambda: all(c > before[k] for k, c in
                    _report_counts(backbone).items()),
        max(5.0, 30 - (time.monotonic() - start)),
        'every heartbeat after the broker restart')
    for name, proc in backbone.procs.items():
        assert proc.poll() is None, '%s exited' % name


def test_daemon_tells_systemd_ready(backbone, tmp_path):
    """Started under systemd (Type=notify), a daemon sends READY=1."""
    path = str(tmp_path / 'notify.sock')
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        sock.settimeout(60)
        proc = subprocess.Popen(
            [os.path.join(cloud_mod.BIN, 'nova-like-scheduler'),
             '--config-file', str(backbone.controller_conf)],
            env=dict(os.environ, NOTIFY_SOCKET=path),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert sock.recv(256) == b'READY=1'
            proc.send_signal(signal.SIGTERM)
            assert sock.recv(256) == b'STOPPING=1'
            assert proc.wait(20) == 0
        finally:
            if proc.poll() is None:
                proc.kill()


def test_sigterm_stops_each_daemon_cleanly(backbone):
    # Last in the module: it stops the cloud.
    for name in ('compute-cmp1', 'compute-cmp2', 'api', 'placement',
                 'scheduler', 'conductor'):
        start = time.monotonic()
        assert backbone.stop(name, timeout=20) == 0, backbone.log(name)
        assert time.monotonic() - start < 15
