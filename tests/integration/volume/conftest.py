# SPDX-License-Identifier: Apache-2.0
"""The real nova-like-volume daemon on PostgreSQL and RabbitMQ, behind the
session's Keystone, in the catalog as block-storage and volumev3."""

import os
import subprocess
import sys
import uuid

import pytest
import requests
import sqlalchemy as sa

from tests import db_servers
from tests.integration import cloud as cloud_mod
from tests import net
from tools import openstack_services

BIN = os.path.dirname(sys.executable)
SERVICE_TYPES = (('cinder', 'block-storage'), ('cinderv3', 'volumev3'))


class VolumeDaemon:
    """nova-like-volume with the file backend in path/volumes."""

    def __init__(self, path, keystone):
        self.path = path
        self.keystone = keystone
        self.port = net.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.vhost = 'nltest_' + uuid.uuid4().hex[:10]
        self.volumes_dir = path / 'volumes'
        # Unique per run: cleanup removes exactly this run's targets.
        self.iscsi_prefix = 'iqn.2010-10.org.openstack.test:%s-' % \
            uuid.uuid4().hex[:8]
        self.urls = {}
        self.proc = None

    def _conf(self):
        text = (
            '[DEFAULT]\ntransport_url = %s\nhost = volhost\n'
            'report_interval = 1\nservice_down_time = 4\n'
            '[database]\nconnection = %s\n'
            '[volume_database]\nconnection = %s\n'
            '[volume_api]\nlisten = 127.0.0.1\nport = %d\nworkers = 1\n'
            'threads = 4\nauth_strategy = keystone\n'
            '[volume]\nvolumes_dir = %s\niscsi_target_prefix = %s\n'
            'periodic_interval = 2\n'
            % (cloud_mod.RABBIT_URL + self.vhost, self.urls['cell'],
               self.urls['volume'], self.port, self.volumes_dir,
               self.iscsi_prefix))
        text += openstack_services.keystone_authtoken_conf(
            self.keystone.auth_url, 'nova',
            openstack_services.SERVICE_PASSWORD)
        # Glance, when a test starts it, is found in the catalog.
        text += openstack_services.keystoneauth_conf(
            'glance', self.keystone.auth_url, 'nova',
            openstack_services.SERVICE_PASSWORD)
        self.conf = self.path / 'volume.conf'
        self.conf.write_text(text)

    def _manage(self, *args):
        result = subprocess.run(
            [os.path.join(BIN, 'nova-like-manage'), '--config-file',
             str(self.conf)] + list(args), capture_output=True, text=True,
            timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self):
        cloud_mod.rabbitmqctl('add_vhost', self.vhost)
        cloud_mod.rabbitmqctl('set_permissions', '-p', self.vhost, 'guest',
                              '.*', '.*', '.*')
        for name in ('cell', 'volume'):
            self.urls[name] = db_servers.create_database(
                'postgresql', self.path, prefix='nl' + name)
        self._conf()
        self._manage('db', 'sync')
        self._manage('volume_db', 'sync')
        self.log = open(self.path / 'volume.log', 'w')
        # python -m: the entry point script is installed only by pip.
        self.proc = subprocess.Popen(
            [sys.executable, '-m', 'nova_like.cmd.volume', '--config-file',
             str(self.conf)], stdout=self.log, stderr=subprocess.STDOUT)
        cloud_mod.wait_for(lambda: requests.get(self.url, timeout=2)
                           .status_code == 300, 30,
                           'nova-like-volume to answer on %s' % self.url)
        for name, service_type in SERVICE_TYPES:
            self.keystone.register_service(
                name, service_type, self.url + '/v3/%(project_id)s')

    def heartbeats(self):
        """(topic, last_seen_up) of its services row, or None."""
        engine = sa.create_engine(self.urls['cell'])
        try:
            with engine.connect() as conn:
                return conn.execute(sa.text(
                    'SELECT topic, last_seen_up FROM services WHERE '
                    '"binary" = \'nova-like-volume\'')).first()
        finally:
            engine.dispose()

    def stop(self):
        ks = self.keystone.client()
        for service in ks.services.list():
            if service.type in dict(SERVICE_TYPES).values():
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
        return (self.path / 'volume.log').read_text()


@pytest.fixture(scope='session')
def volume_daemon(tmp_path_factory, keystone):
    cloud_mod.ensure_rabbit()
    daemon = VolumeDaemon(tmp_path_factory.mktemp('volume'), keystone)
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.stop()
