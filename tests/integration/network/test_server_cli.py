# SPDX-License-Identifier: Apache-2.0
"""The unmodified openstack CLI: servers on networks, behind Keystone.

Every --nic form of `server create`, addresses in `server show`, ports
and networks added to and removed from a server, security groups, and a
user's own port kept when its server goes. Fake compute hosts; the
network service, Keystone, Glance, RabbitMQ and PostgreSQL are real.
"""

import pytest

from tests.integration import cloud as cloud_mod
from tests.integration.openstack_fixtures import osc
from tools import openstack_services

pytestmark = pytest.mark.integration

CIDR = '10.66.0.0/26'


@pytest.fixture(scope='module')
def net_cloud(tmp_path_factory, keystone, glance):
    cloud_mod.ensure_rabbit()
    path = tmp_path_factory.mktemp('server-cli')
    cloud = cloud_mod.Cloud(path, 'postgresql', keystone=keystone,
                            network=True)
    urls = {'compute': 'http://127.0.0.1:%d/v2.1' % cloud.api_port,
            'placement': 'http://127.0.0.1:%d' % cloud.placement_port,
            'network': 'http://127.0.0.1:%d' % cloud.network_port}
    try:
        keystone.register_service('nova', 'compute', urls['compute'])
        keystone.register_service('placement', 'placement',
                                  urls['placement'])
        keystone.register_service('neutron', 'network', urls['network'])
        cloud.create_databases()
        cloud.start_controller()
        cloud.start_compute('clinet1')
        cloud_mod.wait_for(
            lambda: len([r for r in cloud.services().values()
                         if r['state'] == 'up']) == 6, 60, 'services up')
        session = keystone.session()
        cloud_mod.wait_for(lambda: len(session.get(
            '/resource_providers', endpoint_filter={
                'service_type': 'placement', 'interface': 'public'},
            headers={'OpenStack-API-Version': 'placement 1.39'}).json()[
                'resource_providers']) == 1, 60, 'the host in Placement')
        glance.create_image(
            'cli-net-tiny', openstack_services.write_tiny_image(
                str(path / 'tiny.raw')), session=session)
        _admin(keystone, 'flavor', 'create', '--id', '1', '--ram', '512',
               '--disk', '1', '--vcpus', '1', 'm1.tiny')
        yield cloud
    finally:
        cloud.destroy()
        keystone.register_service('nova', 'compute',
                                  openstack_services.COMPUTE_URL)
        keystone.register_service('placement', 'placement',
                                  openstack_services.PLACEMENT_URL)
        ks = keystone.client()
        for service in ks.services.list():
            if service.type == 'network':
                ks.services.delete(service)


def _admin(keystone, *args, **kw):
    return osc(keystone, 'admin', keystone.admin_password, 'admin', *args,
               **kw)


def _demo(keystone, *args, **kw):
    return osc(keystone, 'demo', openstack_services.DEMO_PASSWORD, 'demo',
               *args, **kw)


def _boot(keystone, name, *nic):
    return _demo(keystone, 'server', 'create', '--image', 'cli-net-tiny',
                 '--flavor', 'm1.tiny', '--wait', *nic, name)


def _addresses(keystone, name):
    return _demo(keystone, 'server', 'show', name, '-c',
                 'addresses')['addresses']


def test_servers_on_networks_with_the_cli(net_cloud, keystone):
    net = _demo(keystone, 'network', 'create', 'clinet')
    _demo(keystone, 'subnet', 'create', '--network', 'clinet',
          '--subnet-range', CIDR, '--no-dhcp', 'clisub')
    own = _demo(keystone, 'port', 'create', '--network', 'clinet',
                'own-port')
    [own_ip] = [ip['ip_address'] for ip in own['fixed_ips']]
    # Each form of --nic; auto finds the project's one network.
    # (server create --wait shows the server as it is once ACTIVE.)
    fixed = _boot(keystone, 'a', '--nic',
                  'net-id=%s,v4-fixed-ip=10.66.0.40' % net['id'])
    assert fixed['status'] == 'ACTIVE'
    assert fixed['addresses'] == {'clinet': ['10.66.0.40']}
    assert list(_boot(keystone, 'b', '--network', 'clinet')[
        'addresses']) == ['clinet']
    assert _boot(keystone, 'c', '--port', 'own-port')['addresses'] == {
        'clinet': [own_ip]}
    assert _boot(keystone, 'd', '--nic', 'none')['addresses'] == {}
    assert list(_boot(keystone, 'e', '--nic', 'auto')[
        'addresses']) == ['clinet']
    # A network that is not there is refused before anything is made
    # (the CLI looks it up in the network service first, as with Neutron).
    refused = _demo(keystone, 'server', 'create', '--image', 'cli-net-tiny',
                    '--flavor', 'm1.tiny', '--nic',
                    'net-id=8a1f5b7e-0000-4000-8000-000000000000', 'z',
                    check=False)
    assert refused.returncode != 0
    assert 'No Network found for 8a1f5b7e' in refused.stderr
    assert 'z' not in [s['Name'] for s in _demo(keystone, 'server',
                                                'list')]
    # Ports and networks added and removed (hot-plug on the host).
    extra = _demo(keystone, 'port', 'create', '--network', 'clinet', 'x')
    _demo(keystone, 'server', 'add', 'port', 'a', extra['id'],
          json_output=False)
    assert len(_addresses(keystone, 'a')['clinet']) == 2
    _demo(keystone, 'server', 'remove', 'port', 'a', extra['id'],
          json_output=False)
    assert _addresses(keystone, 'a') == {'clinet': ['10.66.0.40']}
    # Security groups.
    _demo(keystone, 'security', 'group', 'create', 'web')
    _demo(keystone, 'server', 'add', 'security', 'group', 'a', 'web',
          json_output=False)
    groups = _demo(keystone, 'server', 'show', 'a', '-c',
                   'security_groups')['security_groups']
    assert sorted(g['name'] for g in groups) == ['default', 'web']
    # Deleting the servers gives back every port but the user's own.
    _demo(keystone, 'server', 'delete', '--wait', 'a', 'b', 'c', 'd', 'e',
          json_output=False)
    left = _demo(keystone, 'port', 'list', '--network', 'clinet', '-c',
                 'ID', '-c', 'Status')
    assert sorted(p['ID'] for p in left) == sorted([own['id'],
                                                    extra['id']])
    assert {p['Status'] for p in left} == {'DOWN'}
