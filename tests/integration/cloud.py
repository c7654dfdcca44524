# SPDX-License-Identifier: Apache-2.0
"""A test cloud of real daemon processes on RabbitMQ and a real SQL server."""

import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid

import openstack
import openstack.exceptions
import requests

from tests import db_servers
from tests import net
from tests import waiters
from tools import openstack_services

BIN = os.path.dirname(sys.executable)
# NL_TEST_RABBIT_PORT (with RABBITMQ_NODENAME for rabbitmqctl) points the
# tests at another broker node, e.g. a private one for tests that stop it.
RABBIT_PORT = int(os.environ.get('NL_TEST_RABBIT_PORT', '5672'))
RABBIT_URL = 'rabbit://guest:guest@127.0.0.1:%d/' % RABBIT_PORT


def ensure_rabbit():
    """Start RabbitMQ if down; fail in CI (skip elsewhere) if it stays down."""
    def up():
        try:
            with socket.create_connection(('127.0.0.1', RABBIT_PORT),
                                          timeout=2):
                return True
        except OSError:
            return False
    if up():
        return
    subprocess.run('rabbitmq-server -detached', shell=True, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        waiters.wait_for(up, 60, 'RabbitMQ to start', interval=1)
    except AssertionError:
        db_servers.unavailable('RabbitMQ is not reachable on 127.0.0.1:%d'
                               % RABBIT_PORT)


def rabbitmqctl(*args):
    subprocess.run(['rabbitmqctl', '-q'] + list(args), check=True,
                   capture_output=True, timeout=120)


def wait_server(conn, server, status, wait):
    """openstacksdk's wait_for_server, failing with the server's fault."""
    try:
        return conn.compute.wait_for_server(server, status=status, wait=wait)
    except openstack.exceptions.ResourceFailure:
        fault = conn.compute.get_server(server.id).fault
        raise AssertionError('server %s went to ERROR waiting for %s: %s'
                             % (server.id, status, fault)) from None


def wait_for(predicate, timeout, what):
    """waiters.wait_for every 0.25 s, polling on through errors: a daemon
    (re)starting refuses connections for a while."""
    return waiters.wait_for(predicate, timeout, what, interval=0.25,
                            retry_on=Exception)


class Cloud:
    """Config, databases and daemon processes of one test cloud."""

    def __init__(self, tmp_path, backend, report_interval=1,
                 service_down_time=4, keystone=None, quotas=False,
                 conductor_conf='', network=False, local_ip='127.0.0.1'):
        self.path = tmp_path
        self.backend = backend
        self.report_interval = report_interval
        self.service_down_time = service_down_time
        self.exchange = 'nltest_' + uuid.uuid4().hex[:10]
        self.vhost = None
        self.api_port = net.free_port()
        self.placement_port = net.free_port()
        self.glance_url = None
        # With a Keystone fixture: auth_token in front of API and Placement,
        # service users for every client, endpoints found in its catalog.
        self.keystone = keystone
        # Without quotas (the default) projects are unlimited: tests that
        # boot many servers are not about quotas.
        self.quotas = quotas
        # More [conductor] options, one 'name = value' a line.
        self.conductor_conf = conductor_conf
        # With network: nova-like-network runs (its dnsmasq, namespaces
        # and bridges are the host's: the caller cleans them up).
        self.network = network
        self.network_port = net.free_port() if network else None
        # [network] local_ip of every daemon (a compute's extra_conf may
        # give it another).
        self.local_ip = local_ip
        # Its own VXLAN ids: vxlan-<VNI> devices are the host's, shared
        # with any other cloud (or lab) running here.
        self.vni_min = random.randrange(2000, 16000000, 1000)
        self.procs = {}
        self.urls = {}

    # configuration

    def _common(self, host):
        return ('[DEFAULT]\n'
                'transport_url = %s\n'
                'control_exchange = %s\n'
                'host = %s\n'
                'report_interval = %d\n'
                'service_down_time = %d\n'
                'periodic_interval = 5\n'
                'rpc_response_timeout = 20\n'
                % (RABBIT_URL + self.exchange, self.exchange, host,
                   self.report_interval, self.service_down_time)
                + self._network_conf())

    def _network_conf(self):
        if not self.network:
            return '[network]\nenabled = False\n'
        return ('[network]\nlocal_ip = %s\nstate_path = %s\n'
                'vni_ranges = %d:%d\n'
                % (self.local_ip, self.path / 'network', self.vni_min,
                   self.vni_min + 999))

    def _clients(self):
        """[placement] and [glance]: static tokens to noauth2 services, or
        Keystone service users."""
        if self.keystone:
            return openstack_services.nova_like_auth_conf(
                self.keystone.auth_url)
        text = ('[placement]\nauth_type = admin_token\n'
                'endpoint = http://127.0.0.1:%d\ntoken = admin\n'
                % self.placement_port)
        if self.glance_url:
            text += ('[glance]\nendpoint_override = %s\n' % self.glance_url)
        return text

    def write_configs(self):
        auth = 'keystone' if self.keystone else 'noauth2'
        controller = self._common('ctl') + (
            '[database]\nconnection = %s\n'
            '[api_database]\nconnection = %s\n'
            '[placement_database]\nconnection = %s\n'
            '[api]\nauth_strategy = %s\nlisten = 127.0.0.1\n'
            'port = %d\nworkers = 1\nthreads = 4\n'
            '[placement_api]\nauth_strategy = %s\nlisten = 127.0.0.1\n'
            'port = %d\nworkers = 1\nthreads = 4\n'
            '[conductor]\nreconcile_interval = 1\n%s'
            % (self.urls['cell1'], self.urls['api'], self.urls['placement'],
               auth, self.api_port, auth, self.placement_port,
               self.conductor_conf))
        if self.network:
            controller += ('[network_database]\nconnection = %s\n'
                           '[network_api]\nauth_strategy = %s\n'
                           'listen = 127.0.0.1\nport = %d\n'
                           % (self.urls['network'], auth, self.network_port))
        controller += self._clients()
        if not self.quotas:
            controller += '[quota]\ninstances = -1\ncores = -1\nram = -1\n'
        self.controller_conf = self.path / 'nova.conf'
        self.controller_conf.write_text(controller)

    def compute_conf(self, host, fake_driver='', libvirt_uri=None,
                     extra_conf=''):
        """Write compute <host>'s config.

        fake_driver adds [fake_driver] lines; with libvirt_uri the host
        runs the libvirt driver on it instead, its guests' files in
        <tmp>/instances-<host>. extra_conf comes last: its options win
        over the same ones above (oslo.config takes the last value).
        """
        path = self.path / ('compute-%s.conf' % host)
        if libvirt_uri:
            driver = ('[DEFAULT]\ncompute_driver = libvirt.LibvirtDriver\n'
                      '[libvirt]\nconnection_uri = %s\n'
                      'instances_path = %s\n'
                      % (libvirt_uri, self.path / ('instances-' + host)))
        else:
            driver = ('[fake_driver]\nvcpus = 8\nmemory_mb = 16384\n'
                      + fake_driver)
        path.write_text(self._common(host) + self._clients() + driver
                        + extra_conf)
        return path

    # setup

    def create_databases(self):
        # Its own virtual host: oslo.messaging names topic queues after the
        # topic alone, so clouds sharing a vhost would answer each other.
        rabbitmqctl('add_vhost', self.exchange)
        self.vhost = self.exchange
        rabbitmqctl('set_permissions', '-p', self.vhost, 'guest', '.*', '.*',
                    '.*')
        for name in ('api', 'cell1', 'cell0', 'placement') + (
                ('network',) if self.network else ()):
            self.urls[name] = db_servers.create_database(
                self.backend, self.path, prefix='nl' + name)
        self.write_configs()
        # The operator's order, with the steps that need nothing of each
        # other run side by side (each command is ~1.5 s of start-up).
        placement = self._manage_start('placement_db', 'sync')
        network = self.network and self._manage_start('network_db', 'sync')
        self.manage('api_db', 'sync')
        self.manage('cell_v2', 'map_cell0', '--database_connection',
                    self.urls['cell0'])
        cell1 = self._manage_start('cell_v2', 'create_cell', '--name',
                                   'cell1')
        self.manage('db', 'sync')
        self._manage_result(cell1)
        self._manage_result(placement)
        if network:
            self._manage_result(network)

    def manage(self, *args, check=True):
        return self._manage_result(self._manage_start(*args), check=check)

    def _manage_start(self, *args):
        return subprocess.Popen(
            [os.path.join(BIN, 'nova-like-manage'), '--config-file',
             str(self.controller_conf)] + list(args),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    @staticmethod
    def _manage_result(proc, check=True):
        try:
            stdout, stderr = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
        result = subprocess.CompletedProcess(proc.args, proc.returncode,
                                             stdout, stderr)
        if check and result.returncode != 0:
            raise AssertionError('nova-like-manage %s failed (%d): %s%s' % (
                ' '.join(proc.args[3:]), result.returncode, result.stdout,
                result.stderr))
        return result

    def start(self, name, binary, conf_path):
        log = open(self.path / ('%s.log' % name), 'w')
        proc = subprocess.Popen(
            [os.path.join(BIN, binary), '--config-file', str(conf_path)],
            stdout=log, stderr=subprocess.STDOUT)
        self.procs[name] = proc
        return proc

    def start_controller(self):
        binaries = ('placement', 'conductor', 'scheduler', 'api') + (
            ('network',) if self.network else ())
        for binary in binaries:
            self.start(binary, 'nova-like-' + binary, self.controller_conf)

    def start_all(self, hosts, fake_driver=None):
        """Databases, the controller and a fake compute per host, ready.

        :param fake_driver: {host: its [fake_driver] lines}.
        """
        self.create_databases()
        self.start_controller()
        for host in hosts:
            self.start_compute(host, (fake_driver or {}).get(host, ''))
        self.wait_ready(4 + bool(self.network) + len(hosts), hosts)

    def add_tiny(self, image_id):
        """Flavor m1.tiny (id 1) and the test image, as image_id."""
        self.connect('admin:admin').compute.create_flavor(
            name='m1.tiny', ram=512, vcpus=1, disk=1, id='1')
        self.image_id = image_id

    def start_compute(self, host, fake_driver='', libvirt_uri=None,
                      extra_conf=''):
        return self.start('compute-' + host, 'nova-like-compute',
                          self.compute_conf(host, fake_driver, libvirt_uri,
                                            extra_conf))

    # observation

    def connect(self, token='admin:admin'):
        """openstacksdk on this cloud's noauth2 API as token (user:project)."""
        endpoint = 'http://127.0.0.1:%d/v2.1' % self.api_port
        return openstack.connect(
            auth_type='admin_token', auth={'endpoint': endpoint,
                                           'token': token},
            compute_endpoint_override=endpoint,
            placement_endpoint_override='http://127.0.0.1:%d'
            % self.placement_port,
            **({'network_endpoint_override': 'http://127.0.0.1:%d'
                % self.network_port} if self.network else {}),
            compute_api_version='2.100', load_envvars=False,
            load_yaml_config=False)

    def wait_ready(self, services, hosts, timeout=60):
        """Wait until services are up, the compute API answers, and every
        one of hosts has its inventory in Placement: a compute is up once it
        serves RPC, which can be before its first report reached Placement;
        an API just restarted is still up by its last heartbeat before it
        listens again."""
        wait_for(lambda: len([r for r in self.services().values()
                              if r['state'] == 'up']) == services,
                 timeout, '%d services up' % services)
        wait_for(lambda: requests.get(
            'http://127.0.0.1:%d/' % self.api_port, timeout=5
        ).status_code == 200, timeout,
            'the compute API to answer on port %d' % self.api_port)
        wait_for(lambda: set(hosts) <= {
            p['name'] for p in self.placement(
                '/resource_providers?resources=VCPU:1')[
                    'resource_providers']},
            timeout, 'the inventory of %s in Placement' % ', '.join(hosts))

    def placement(self, path):
        """GET path from this cloud's Placement (noauth2 token "admin")."""
        response = requests.get(
            'http://127.0.0.1:%d%s' % (self.placement_port, path),
            headers={'X-Auth-Token': 'admin',
                     'OpenStack-API-Version': 'placement 1.39'}, timeout=30)
        response.raise_for_status()
        return response.json()

    def services(self):
        """{(binary, host): row} from `nova-like-manage service list`."""
        out = self.manage('service', 'list').stdout
        rows = {}
        for line in out.splitlines():
            cells = [c.strip() for c in line.strip('|').split('|')]
            if len(cells) == 8 and cells[0].isdigit():
                rows[(cells[1], cells[2])] = {
                    'status': cells[4], 'state': cells[5],
                    'updated_at': cells[6]}
        return rows

    def healthcheck(self, compute_host=None, timeout=5, token='admin:admin'):
        """GET /healthcheck?rpc=1; the noauth2 admin token shows the
        detail (None: anonymous, up or down alone)."""
        params = {'rpc': '1', 'timeout': str(timeout)}
        if compute_host:
            params['compute_host'] = compute_host
        return requests.get('http://127.0.0.1:%d/healthcheck' % self.api_port,
                            params=params, timeout=timeout + 5,
                            headers={'X-Auth-Token': token} if token else {})

    def log(self, name):
        return (self.path / ('%s.log' % name)).read_text()

    # teardown

    def stop(self, name, sig=signal.SIGTERM, timeout=20):
        proc = self.procs[name]
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        return proc.returncode

    def stop_all(self, names, timeout=10):
        """SIGTERM every daemon of names at once, then wait for each."""
        running = [self.procs[n] for n in names
                   if self.procs[n].poll() is None]
        for proc in running:
            proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for proc in running:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def destroy(self):
        # Computes first: they would otherwise time out on a gone conductor.
        computes = [n for n in self.procs if n.startswith('compute-')]
        self.stop_all(computes)
        self.stop_all([n for n in self.procs if n not in computes])
        for url in self.urls.values():
            db_servers.drop_database(url)
        if self.vhost:
            try:
                rabbitmqctl('delete_vhost', self.vhost)
            except (subprocess.SubprocessError, OSError):
                pass  # RabbitMQ is down: the vhost goes with its next reset
