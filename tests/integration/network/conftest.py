# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the network integration tests.

Two hosts as network namespaces (the data plane); the real
nova-like-network daemon behind the session's Keystone.
"""

import os
import subprocess
import sys
import uuid

from oslo_config import cfg
import pytest
import requests
import sqlalchemy as sa

from nova_like.conf import network as network_conf
from tests import db_servers
from tests.integration import cloud as cloud_mod
from tests.integration.network import dataplane_env as env_mod
from tests import net
from tools import openstack_services

BIN = os.path.dirname(sys.executable)


@pytest.fixture
def env():
    """Two hosts (h1, h2) joined by an underlay; removed afterwards."""
    env_mod.require_tools()
    env = env_mod.Env()
    try:
        env.make_hosts()
        yield env
    finally:
        env.cleanup()


@pytest.fixture
def dhcp_conf(tmp_path):
    """[network] options of a network host whose state is in tmp_path."""
    conf = cfg.ConfigOpts()
    network_conf.register_opts(conf)
    conf([], default_config_files=[], default_config_dirs=[])
    conf.set_override('state_path', str(tmp_path / 'dhcp'), 'network')
    conf.set_override('local_ip', env_mod.UNDERLAY['h1'], 'network')
    return conf


class NetworkDaemon:
    """nova-like-network on PostgreSQL, RabbitMQ and Keystone."""

    def __init__(self, path, keystone):
        self.path = path
        self.keystone = keystone
        self.port = net.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.vhost = 'nltest_' + uuid.uuid4().hex[:10]
        self.urls = {}
        self.proc = None

    def _conf(self):
        text = (
            '[DEFAULT]\ntransport_url = %s\nhost = nethost\n'
            'report_interval = 1\nservice_down_time = 4\n'
            '[database]\nconnection = %s\n'
            '[network_database]\nconnection = %s\n'
            '[network_api]\nlisten = 127.0.0.1\nport = %d\nworkers = 1\n'
            'threads = 4\nauth_strategy = keystone\n'
            '[network]\nnetwork_vlan_ranges = public\n'
            'state_path = %s\n'
            % (cloud_mod.RABBIT_URL + self.vhost, self.urls['cell'],
               self.urls['network'], self.port, self.path / 'state'))
        text += openstack_services.keystone_authtoken_conf(
            self.keystone.auth_url, 'nova',
            openstack_services.SERVICE_PASSWORD)
        self.conf = self.path / 'network.conf'
        self.conf.write_text(text)

    def _manage(self, *args):
        result = subprocess.run(
            [os.path.join(BIN, 'nova-like-manage'), '--config-file',
             str(self.conf)] + list(args), capture_output=True, text=True,
            timeout=120)
        assert result.returncode == 0, result.stderr

    def start(self):
        cloud_mod.rabbitmqctl('add_vhost', self.vhost)
        cloud_mod.rabbitmqctl('set_permissions', '-p', self.vhost, 'guest',
                              '.*', '.*', '.*')
        for name in ('cell', 'network'):
            self.urls[name] = db_servers.create_database(
                'postgresql', self.path, prefix='nl' + name)
        self._conf()
        self._manage('db', 'sync')
        self._manage('network_db', 'sync')
        self.log = open(self.path / 'network.log', 'w')
        # python -m: the entry point script is installed only by pip.
        self.proc = subprocess.Popen(
            [sys.executable, '-m', 'nova_like.cmd.network', '--config-file',
             str(self.conf)], stdout=self.log, stderr=subprocess.STDOUT)
        cloud_mod.wait_for(lambda: requests.get(self.url, timeout=2)
                           .status_code == 200, 30,
                           'nova-like-network to answer on %s' % self.url)
        self.keystone.register_service('neutron', 'network', self.url)

    def heartbeats(self):
        """(topic, last_seen_up) of its services row, or None."""
        engine = sa.create_engine(self.urls['cell'])
        try:
            with engine.connect() as conn:
                return conn.execute(sa.text(
                    'SELECT topic, last_seen_up FROM services WHERE '
                    '"binary" = \'nova-like-network\'')).first()
        finally:
            engine.dispose()

    def stop(self):
        ks = self.keystone.client()
        for service in ks.services.list():
            if service.type == 'network':
                ks.services.delete(service)
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for url in self.urls.values():
            db_servers.drop_database(url)
        try:
            cloud_mod.rabbitmqctl('delete_vhost', self.vhost)
        except subprocess.CalledProcessError:
            pass

    def log_text(self):
        return (self.path / 'network.log').read_text()


@pytest.fixture(scope='session')
def network_daemon(tmp_path_factory, keystone):
    cloud_mod.ensure_rabbit()
    daemon = NetworkDaemon(tmp_path_factory.mktemp('network'), keystone)
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.stop()
