# SPDX-License-Identifier: Apache-2.0
"""Unmodified osc-placement against a real nova-like-placement process.

The server runs with auth_strategy noauth2; the CLI passes the static
token with keystoneauth's admin_token plugin:
``openstack --os-auth-type admin_token --os-token admin --os-endpoint URL``.
"""

import json
import os
import signal
import subprocess
import sys

import pytest
import requests

from nova_like.placement.db import migration
from tests import net
from tests import waiters

pytestmark = pytest.mark.integration
BIN = os.path.dirname(sys.executable)


@pytest.fixture(scope='module')
def endpoint(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('osc')
    url = 'sqlite:///%s/placement.sqlite' % tmp
    migration.upgrade(url)
    port = net.free_port()
    conf = tmp / 'placement.conf'
    conf.write_text('[placement_database]\nconnection = %s\n'
                    '[placement_api]\nauth_strategy = noauth2\n'
                    'listen = 127.0.0.1\nport = %d\nworkers = 1\n'
                    'threads = 4\n' % (url, port))
    log = open(tmp / 'server.log', 'w')
    proc = subprocess.Popen(
        [os.path.join(BIN, 'nova-like-placement'), '--config-file',
         str(conf)], stdout=log, stderr=subprocess.STDOUT)
    base = 'http://127.0.0.1:%d' % port

    def listening():
        if proc.poll() is not None:
            raise AssertionError('nova-like-placement exited')
        return requests.get(base + '/', timeout=1).ok

    try:
        waiters.wait_for(listening, 30, 'nova-like-placement to listen',
                         interval=0.2, retry_on=requests.ConnectionError)
    except AssertionError:
        proc.kill()
        pytest.fail('nova-like-placement did not start: %s'
                    % (tmp / 'server.log').read_text())
    yield base
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def osc(endpoint, *args):
    cmd = [os.path.join(BIN, 'openstack'), '--os-auth-type', 'admin_token',
           '--os-token', 'admin', '--os-endpoint', endpoint,
           '--os-placement-api-version', '1.39'] + list(args)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def osc_json(endpoint, *args):
    return json.loads(osc(endpoint, *args, '-f', 'json'))


def test_resource_provider_lifecycle(endpoint):
    rp = osc_json(endpoint, 'resource', 'provider', 'create', 'cli-rp')
    assert rp['name'] == 'cli-rp'
    assert rp['root_provider_uuid'] == rp['uuid']
    uuid = rp['uuid']
    listed = osc_json(endpoint, 'resource', 'provider', 'list')
    assert [p['uuid'] for p in listed] == [uuid]
    shown = osc_json(endpoint, 'resource', 'provider', 'show', uuid)
    assert shown['name'] == 'cli-rp'

    osc(endpoint, 'resource', 'provider', 'inventory', 'set', uuid,
        '--resource', 'VCPU=8', '--resource', 'MEMORY_MB=4096',
        '--resource', 'MEMORY_MB:allocation_ratio=1.5')
    inventory = {i['resource_class']: i for i in osc_json(
        endpoint, 'resource', 'provider', 'inventory', 'list', uuid)}
    assert inventory['VCPU']['total'] == 8
    assert inventory['MEMORY_MB']['allocation_ratio'] == 1.5

    osc(endpoint, 'resource', 'provider', 'trait', 'set', uuid,
        '--trait', 'HW_CPU_X86_AVX2', '--trait', 'COMPUTE_NODE')
    traits = osc_json(endpoint, 'resource', 'provider', 'trait', 'list',
                      uuid)
    assert sorted(t['name'] for t in traits) == ['COMPUTE_NODE',
                                                 'HW_CPU_X86_AVX2']

    candidates = osc_json(endpoint, 'allocation', 'candidate', 'list',
                          '--resource', 'VCPU=1')
    assert len(candidates) == 1
    assert candidates[0]['resource provider'] == uuid
    assert candidates[0]['allocation'] == 'VCPU=1'
    assert 'VCPU=0/8' in candidates[0]['inventory used/capacity']

    osc(endpoint, 'resource', 'provider', 'delete', uuid)
    assert osc_json(endpoint, 'resource', 'provider', 'list') == []


def test_cli_error_is_readable(endpoint):
    cmd = [os.path.join(BIN, 'openstack'), '--os-auth-type', 'admin_token',
           '--os-token', 'admin', '--os-endpoint', endpoint,
           'resource', 'provider', 'show',
           '00000000-0000-0000-0000-000000000001']
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert 'No resource provider with uuid' in out.stderr
