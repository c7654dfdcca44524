# SPDX-License-Identifier: Apache-2.0
"""The unmodified openstack CLI against real daemons behind Keystone.

With Glance: flavors, keypairs, images, servers, quotas, limits; and auth
edge cases.
"""

import pytest
import requests

from tests.integration import cloud as cloud_mod
from tests.integration.openstack_fixtures import osc
from tools import openstack_services

pytestmark = pytest.mark.integration

ED25519 = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDs9mqevUhB+DPAPKvyNEYbYyLg'
           'YDH/rv0e9T4QQPhm cli@test')


@pytest.fixture(scope='module')
def cli_cloud(tmp_path_factory, keystone, glance):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('cli')
    cloud = cloud_mod.Cloud(path, 'postgresql', keystone=keystone,
                            quotas=True)
    compute_url = 'http://127.0.0.1:%d/v2.1' % cloud.api_port
    placement_url = 'http://127.0.0.1:%d' % cloud.placement_port
    try:
        keystone.register_service('nova', 'compute', compute_url)
        keystone.register_service('placement', 'placement', placement_url)
        cloud.create_databases()
        cloud.start_controller()
        cloud.start_compute('cli1')
        cloud.start_compute('cli2')
        cloud_mod.wait_for(
            lambda: len([r for r in cloud.services().values()
                         if r['state'] == 'up']) == 6, 60, 'services up')
        session = keystone.session()
        cloud_mod.wait_for(lambda: len(session.get(
            '/resource_providers', endpoint_filter={
                'service_type': 'placement', 'interface': 'public'},
            headers={'OpenStack-API-Version': 'placement 1.39'}).json()[
                'resource_providers']) == 2, 60, 'two providers')
        cloud.compute_url = compute_url
        yield cloud
    finally:
        cloud.destroy()
        keystone.register_service('nova', 'compute',
                                  openstack_services.COMPUTE_URL)
        keystone.register_service('placement', 'placement',
                                  openstack_services.PLACEMENT_URL)


def _admin(keystone, *args, **kw):
    return osc(keystone, 'admin', keystone.admin_password, 'admin', *args,
               **kw)


def _demo(keystone, *args, **kw):
    return osc(keystone, 'demo', openstack_services.DEMO_PASSWORD, 'demo',
               *args, **kw)


def _rows(output, key='Resource', value='Limit'):
    return {row[key]: row[value] for row in output}


def test_cli_walkthrough(cli_cloud, keystone, glance, tmp_path):
    # Flavors (admin).
    made = _admin(keystone, 'flavor', 'create', '--ram', '128', '--disk',
                  '1', '--vcpus', '1', 'cli.tiny')
    assert made['name'] == 'cli.tiny' and made['ram'] == 128
    listed = _admin(keystone, 'flavor', 'list')
    assert 'cli.tiny' in [f['Name'] for f in listed]
    shown = _demo(keystone, 'flavor', 'show', 'cli.tiny')
    assert shown['vcpus'] == 1 and shown['disk'] == 1
    # Key pairs (demo).
    key_file = tmp_path / 'id.pub'
    key_file.write_text(ED25519 + '\n')
    key = _demo(keystone, 'keypair', 'create', '--public-key',
                str(key_file), 'k1')
    assert key['name'] == 'k1'
    assert key['fingerprint'] == \
        'a6:9b:99:ec:d9:c4:7d:0d:54:e2:b1:ac:3d:f9:de:c1'
    assert [k['Name'] for k in _demo(keystone, 'keypair', 'list')] == ['k1']
    assert _demo(keystone, 'keypair', 'show', 'k1')['type'] == 'ssh'
    # Image (demo, real Glance).
    image_path = openstack_services.write_tiny_image(str(tmp_path /
                                                         'tiny.raw'))
    image = _demo(keystone, 'image', 'create', '--file', image_path,
                  '--disk-format', 'raw', '--container-format', 'bare',
                  'cli-image')
    assert image['status'] == 'active'
    # Server (demo).
    server = _demo(keystone, 'server', 'create', '--image', 'cli-image',
                   '--flavor', 'cli.tiny', '--key-name', 'k1', '--nic',
                   'none', '--wait', 'cli-vm')
    assert server['status'] == 'ACTIVE'
    assert server['key_name'] == 'k1'
    servers = _demo(keystone, 'server', 'list')
    assert [(s['Name'], s['Status']) for s in servers] == [
        ('cli-vm', 'ACTIVE')]
    shown = _demo(keystone, 'server', 'show', 'cli-vm')
    assert shown['id'] == server['id']
    assert shown['flavor']['name'] == 'cli.tiny'  # embedded from 2.47
    # Quotas and limits.
    quota = _rows(_admin(keystone, 'quota', 'show', 'demo'))
    assert quota['instances'] == 10 and quota['cores'] == 20
    _admin(keystone, 'quota', 'set', '--instances', '1', 'demo',
           json_output=False)
    assert _rows(_admin(keystone, 'quota', 'show', 'demo'))[
        'instances'] == 1
    limits = _rows(_demo(keystone, 'limits', 'show', '--absolute'),
                   'Name', 'Value')
    # openstacksdk names: maxTotalInstances is "instances", and so on.
    assert limits['instances'] == 1
    assert limits['instances_used'] == 1
    assert limits['total_ram_used'] == 128
    refused = _demo(keystone, 'server', 'create', '--image', 'cli-image',
                    '--flavor', 'cli.tiny', '--nic', 'none', 'cli-vm2',
                    check=False)
    assert refused.returncode != 0
    assert 'Quota exceeded for instances' in refused.stderr
    assert '403' in refused.stderr
    # Delete everything.
    _demo(keystone, 'server', 'delete', '--wait', 'cli-vm',
           json_output=False)
    assert _demo(keystone, 'server', 'list') == []
    assert _rows(_demo(keystone, 'limits', 'show', '--absolute'),
                 'Name', 'Value')['instances_used'] == 0
    _demo(keystone, 'keypair', 'delete', 'k1',
           json_output=False)
    assert _demo(keystone, 'keypair', 'list') == []
    _admin(keystone, 'flavor', 'delete', 'cli.tiny',
           json_output=False)
    _admin(keystone, 'quota', 'set', '--instances', '10', 'demo',
           json_output=False)


def _www_authenticate_401(response):
    assert response.status_code == 401, response.text
    assert 'WWW-Authenticate' in response.headers
    assert 'Keystone uri=' in response.headers['WWW-Authenticate']


def test_no_malformed_or_revoked_token_is_401(cli_cloud, keystone):
    url = cli_cloud.compute_url + '/servers'
    _www_authenticate_401(requests.get(url, timeout=30))
    _www_authenticate_401(requests.get(
        url, headers={'X-Auth-Token': 'not-a-token'}, timeout=30))
    # A token Keystone no longer honours (revoked before its first use:
    # auth_token caches what it validated, as in Nova).
    token = keystone.session('demo', openstack_services.DEMO_PASSWORD,
                             'demo').get_token()
    keystone.session().delete('/auth/tokens', endpoint_filter={
        'service_type': 'identity', 'interface': 'public'},
        headers={'X-Subject-Token': token})
    _www_authenticate_401(requests.get(
        url, headers={'X-Auth-Token': token}, timeout=30))
    fresh = keystone.session('demo', openstack_services.DEMO_PASSWORD,
                             'demo').get_token()
    assert requests.get(url, headers={'X-Auth-Token': fresh},
                        timeout=30).status_code == 200


def test_project_token_on_another_projects_quota_is_403(cli_cloud, keystone):
    projects = {p.name: p.id for p in keystone.client().projects.list()}
    token = keystone.session('demo', openstack_services.DEMO_PASSWORD,
                             'demo').get_token()
    headers = {'X-Auth-Token': token}
    own = requests.get('%s/os-quota-sets/%s' % (cli_cloud.compute_url,
                                                projects['demo']),
                       headers=headers, timeout=30)
    assert own.status_code == 200
    other = requests.get('%s/os-quota-sets/%s' % (cli_cloud.compute_url,
                                                  projects['admin']),
                         headers=headers, timeout=30)
    assert other.status_code == 403
    assert 'os_compute_api:os-quota-sets:show' in other.text


def test_quotas_of_what_keystone_has_no_project_for_are_400(cli_cloud,
                                                           keystone):
    projects = {p.name: p.id for p in keystone.client().projects.list()}
    headers = {'X-Auth-Token': keystone.session().get_token()}
    body = {'quota_set': {'instances': 7}}
    for project_id, status in ((projects['demo'], 200),
                               ('0123456789abcdef0123456789abcdef', 400),
                               ('not-a-project', 400)):
        response = requests.put('%s/os-quota-sets/%s' % (
            cli_cloud.compute_url, project_id), json=body, headers=headers,
            timeout=30)
        assert response.status_code == status, response.text
    assert 'not a valid project' in response.text


def _wait_status(keystone, name, status, timeout=60):
    return cloud_mod.wait_for(
        lambda: _demo(keystone, 'server', 'show', name)['status'] == status,
        timeout, '%s %s' % (name, status))


def test_cli_server_actions_and_operator_commands(cli_cloud, keystone,
                                                  glance, tmp_path):
    _admin(keystone, 'flavor', 'create', '--ram', '128', '--disk', '1',
           '--vcpus', '1', 'cli.act')
    image_path = openstack_services.write_tiny_image(str(tmp_path /
                                                         'act.raw'))
    _demo(keystone, 'image', 'create', '--file', image_path,
          '--disk-format', 'raw', '--container-format', 'bare', 'act-image')
    # Operator views.
    services = _admin(keystone, 'compute', 'service', 'list')
    computes = sorted(s['Host'] for s in services
                      if s['Binary'] == 'nova-compute')
    assert computes == ['cli1', 'cli2']
    assert {s['State'] for s in services} == {'up'}
    hypervisors = _admin(keystone, 'hypervisor', 'list')
    assert sorted(h['Hypervisor Hostname'] for h in hypervisors) == computes
    shown = _admin(keystone, 'hypervisor', 'show', 'cli1')
    assert shown['hypervisor_hostname'] == 'cli1'
    zones = _demo(keystone, 'availability', 'zone', 'list')
    assert [z['Zone Name'] for z in zones] == ['nova']
    # An aggregate with its own zone, holding cli2.
    _admin(keystone, 'aggregate', 'create', '--zone', 'az2', 'agg2')
    _admin(keystone, 'aggregate', 'add', 'host', 'agg2', 'cli2')
    aggregate = _admin(keystone, 'aggregate', 'show', 'agg2')
    assert aggregate['availability_zone'] == 'az2'
    assert aggregate['hosts'] == ['cli2']
    assert 'az2' in [z['Zone Name'] for z in _demo(
        keystone, 'availability', 'zone', 'list')]
    # Disable cli1: servers go to az2/cli2 only.
    _admin(keystone, 'compute', 'service', 'set', '--disable',
           '--disable-reason', 'maintenance', 'cli1', 'nova-compute',
           json_output=False)
    listed = {s['Host']: s for s in _admin(keystone, 'compute', 'service',
                                           'list')}
    assert listed['cli1']['Status'] == 'disabled'
    # A server group and a server in it.
    group = _demo(keystone, 'server', 'group', 'create', '--policy',
                  'anti-affinity', 'grp')
    assert group['policy'] == 'anti-affinity'
    assert 'grp' in [g['Name'] for g in _demo(keystone, 'server', 'group',
                                              'list')]
    server = _demo(keystone, 'server', 'create', '--image', 'act-image',
                   '--flavor', 'cli.act', '--nic', 'none', '--hint',
                   'group=%s' % group['id'], '--wait', 'act-vm')
    assert server['status'] == 'ACTIVE'
    assert _admin(keystone, 'server', 'show', server['id'])[
        'OS-EXT-SRV-ATTR:host'] == 'cli2'
    # Actions.
    for command, status in (('stop', 'SHUTOFF'), ('start', 'ACTIVE'),
                            ('pause', 'PAUSED'), ('unpause', 'ACTIVE'),
                            ('suspend', 'SUSPENDED'), ('resume', 'ACTIVE'),
                            ('reboot', 'ACTIVE')):
        _demo(keystone, 'server', command, 'act-vm', json_output=False)
        _wait_status(keystone, 'act-vm', status)
    refused = _demo(keystone, 'server', 'start', 'act-vm', check=False,
                    json_output=False)
    assert refused.returncode != 0 and 'vm_state active' in refused.stderr
    _demo(keystone, 'server', 'lock', 'act-vm', json_output=False)
    assert _demo(keystone, 'server', 'show', 'act-vm')['locked'] is True
    _demo(keystone, 'server', 'unlock', 'act-vm', json_output=False)
    console = _demo(keystone, 'console', 'log', 'show', 'act-vm',
                    json_output=False)
    assert 'act-vm' in console  # the fake guest's log names its hostname
    _demo(keystone, 'server', 'set', '--property', 'role=web', 'act-vm',
          json_output=False)
    assert _demo(keystone, 'server', 'show', 'act-vm')['properties'] == {
        'role': 'web'}
    events = _demo(keystone, 'server', 'event', 'list', 'act-vm')
    actions = [e['Action'] for e in events]
    for action in ('create', 'stop', 'start', 'pause', 'reboot', 'lock'):
        assert action in actions
    create = next(e for e in events if e['Action'] == 'create')
    detail = _demo(keystone, 'server', 'event', 'show', 'act-vm',
                   create['Request ID'])
    assert detail['action'] == 'create'
    usage = {u['Project']: u for u in _admin(keystone, 'usage', 'list')}
    projects = {p.name: p.id for p in keystone.client().projects.list()}
    assert len(usage[projects['demo']]['Servers']) >= 1
    # Clean up.
    _demo(keystone, 'server', 'delete', '--wait', 'act-vm',
          json_output=False)
    _demo(keystone, 'server', 'group', 'delete', 'grp', json_output=False)
    _admin(keystone, 'compute', 'service', 'set', '--enable', 'cli1',
           'nova-like-compute', json_output=False)
    _admin(keystone, 'aggregate', 'remove', 'host', 'agg2', 'cli2')
    _admin(keystone, 'aggregate', 'delete', 'agg2', json_output=False)
    _admin(keystone, 'flavor', 'delete', 'cli.act', json_output=False)
