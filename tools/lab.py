# SPDX-License-Identifier: Apache-2.0
"""The lab: each nova_like daemon as its own process on this machine, in ./lab.

    tools/lab.py up [--db sqlite|mysql|postgresql] [--computes N]
                    [--driver auto|libvirt|fake]
    tools/lab.py status | stop | clean

`up` starts real Keystone (5000) and Glance (9292) with the users,
projects, catalog and a tiny image of docs/identity-and-images.md, writes
the configs, creates and syncs the databases, maps the cells, starts
placement, network, volume, conductor, scheduler, api and N compute
daemons
(libvirt hosts when libvirtd answers on qemu:///system, fake hosts
otherwise), writes lab/openrc (admin) and lab/openrc.demo, waits until
every service reports up, maps the compute hosts, makes the networks
public (flat, on bridge brpublic, whose 172.24.4.1 is the host) and
private (vxlan, the demo project's), boots lab-server on private and
attaches lab-volume to it.
Running it again restarts what is down.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # run as a script: make `tools` importable
    sys.path.insert(0, ROOT)

from nova_like.conf import volume as volume_conf  # noqa: E402
from nova_like.network.linux import dhcp  # noqa: E402
from nova_like.volume.targets import tgt  # noqa: E402
from tools import libvirt_lab  # noqa: E402
from tools import openstack_services  # noqa: E402

LAB = os.path.join(ROOT, 'lab')
BIN = os.path.join(ROOT, '.venv', 'bin')
RABBIT = 'rabbit://guest:guest@127.0.0.1:5672/'
SERVER_URLS = {
    'mysql': 'mysql+pymysql://root@127.0.0.1:3306/%s',
    'postgresql': 'postgresql+psycopg2://postgres@127.0.0.1:5432/%s',
}
DATABASES = ('nova_api', 'nova_cell1', 'nova_cell0', 'placement',
             'nova_network', 'nova_volume', 'keystone', 'glance')
KEYSTONE_PORT = 5000
GLANCE_PORT = 9292
NETWORK_PORT = 9696
VOLUME_PORT = 8776
# The bridge the 'public' physical network maps to, and the host's address
# on it: the gateway of the public flat network (devstack's range).
PUBLIC_BRIDGE = 'brpublic'
PUBLIC_GATEWAY = '172.24.4.1'
IDENTITY = ('keystone', 'glance')


def _url(db, name):
    if db == 'sqlite':
        return 'sqlite:///%s/%s.sqlite' % (LAB, name)
    return SERVER_URLS[db] % ('nl_lab_' + name)


def _create_server_databases(db):
    import sqlalchemy as sa
    admin = {'mysql': SERVER_URLS['mysql'] % 'mysql',
             'postgresql': SERVER_URLS['postgresql'] % 'postgres'}[db]
    engine = sa.create_engine(admin, isolation_level='AUTOCOMMIT')
    with engine.connect() as conn:
        for name in DATABASES:
            full = 'nl_lab_' + name
            if db == 'mysql':
                conn.exec_driver_sql('CREATE DATABASE IF NOT EXISTS %s '
                                     'CHARACTER SET utf8mb4' % full)
            elif not conn.exec_driver_sql(
                    "SELECT 1 FROM pg_database WHERE datname = '%s'"
                    % full).first():
                conn.exec_driver_sql('CREATE DATABASE %s' % full)
    engine.dispose()


def _drop_server_databases():
    import sqlalchemy as sa
    for db, admin in (('mysql', 'mysql'), ('postgresql', 'postgres')):
        try:
            engine = sa.create_engine(SERVER_URLS[db] % admin,
                                      isolation_level='AUTOCOMMIT')
            with engine.connect() as conn:
                for name in DATABASES:
                    conn.exec_driver_sql('DROP DATABASE IF EXISTS nl_lab_%s'
                                         % name)
            engine.dispose()
        except Exception as exc:  # a server that is down has nothing to drop
            print('lab: could not drop %s databases: %s' % (db, exc))


def _write(name, text):
    path = os.path.join(LAB, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def write_configs(db, computes, keystone, driver='fake'):
    """nova.conf (controller) and computeN.conf; Keystone auth when it runs."""
    common = ('[DEFAULT]\ntransport_url = %s\nreport_interval = 5\n'
              'service_down_time = 30\nstate_path = %s\n' % (RABBIT, LAB))
    if keystone is not None:
        strategy = 'keystone'
        clients = openstack_services.nova_like_auth_conf(keystone.auth_url)
    else:
        strategy = 'noauth2'
        clients = ('[placement]\nauth_type = admin_token\n'
                   'endpoint = http://127.0.0.1:8778\ntoken = admin\n'
                   '[glance]\nendpoint_override = http://127.0.0.1:%d\n'
                   % GLANCE_PORT)
    network = ('[network]\nlocal_ip = 127.0.0.1\n'
               'network_vlan_ranges = public\n'
               'physical_interface_mappings = public:%s\n'
               'state_path = %s\n'
               % (PUBLIC_BRIDGE, os.path.join(LAB, 'network')))
    controller = common + (
        'host = controller\n'
        '[database]\nconnection = %s\n'
        '[api_database]\nconnection = %s\n'
        '[placement_database]\nconnection = %s\n'
        '[api]\nauth_strategy = %s\nlisten = 127.0.0.1\nport = 8774\n'
        '[placement_api]\nauth_strategy = %s\nlisten = 127.0.0.1\n'
        'port = 8778\n'
        '[network_database]\nconnection = %s\n'
        '[network_api]\nauth_strategy = %s\nlisten = 127.0.0.1\n'
        'port = %d\n'
        '[volume_database]\nconnection = %s\n'
        '[volume_api]\nauth_strategy = %s\nlisten = 127.0.0.1\n'
        'port = %d\n'
        '[volume]\nvolumes_dir = %s\n'
        % (_url(db, 'nova_cell1'), _url(db, 'nova_api'),
           _url(db, 'placement'), strategy, strategy,
           _url(db, 'nova_network'), strategy, NETWORK_PORT,
           _url(db, 'nova_volume'), strategy, VOLUME_PORT,
           os.path.join(LAB, 'volumes'))
    ) + clients + network
    _write('nova.conf', controller)
    for index in range(1, computes + 1):
        host = 'compute%d' % index
        _write(host + '.conf', common + 'host = %s\n' % host + clients +
               network + (
            libvirt_lab.compute_conf(LAB, host) if driver == 'libvirt'
            else ''))


def manage(*args, check=True):
    result = subprocess.run(
        [os.path.join(BIN, 'nova-like-manage'), '--config-file',
         os.path.join(LAB, 'nova.conf')] + list(args),
        capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit('lab: nova-like-manage %s failed:\n%s%s'
                 % (' '.join(args), result.stdout, result.stderr))
    return result.stdout


def _pid(name):
    try:
        with open(os.path.join(LAB, name + '.pid')) as f:
            pid = int(f.read())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def _daemons():
    names = ['placement', 'network', 'volume', 'conductor', 'scheduler',
             'api']
    names += sorted(f[:-5] for f in os.listdir(LAB)
                    if f.startswith('compute') and f.endswith('.conf'))
    return names


def start(name):
    if _pid(name):
        return
    binary = 'nova-like-compute' if name.startswith('compute') else \
        'nova-like-' + name
    conf = name + '.conf' if name.startswith('compute') else 'nova.conf'
    log = open(os.path.join(LAB, name + '.log'), 'a')
    proc = subprocess.Popen([os.path.join(BIN, binary), '--config-file',
                             os.path.join(LAB, conf)],
                            stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    _write(name + '.pid', str(proc.pid))


def _port_open(port):
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(('127.0.0.1', port)) == 0


def identity_up(db, driver='fake'):
    """Keystone, its users and catalog, Glance with image tiny, openrc files.

    For libvirt hosts tiny is the bootable test image of
    tools/build-test-image.sh; for fake hosts a few KiB of raw data.
    """
    missing = openstack_services.installed(BIN)
    if missing:
        print('lab: not starting Keystone and Glance: %s' % missing)
        return None
    keystone = openstack_services.Keystone(
        LAB, port=KEYSTONE_PORT, db_url=_url(db, 'keystone'), bin_dir=BIN)
    glance = openstack_services.Glance(
        LAB, port=GLANCE_PORT, keystone=keystone, db_url=_url(db, 'glance'),
        bin_dir=BIN)
    try:
        keystone.deploy()
        keystone.setup_cloud(image_url=glance.url)
        keystone.register_service('neutron', 'network',
                                  'http://127.0.0.1:%d' % NETWORK_PORT,
                                  'Network Service (nova-like-network)')
        volume_url = 'http://127.0.0.1:%d/v3/%%(project_id)s' % VOLUME_PORT
        for name, service_type in (('cinder', 'block-storage'),
                                   ('cinderv3', 'volumev3')):
            keystone.register_service(name, service_type, volume_url,
                                      'Block Storage (nova-like-volume)')
        glance.deploy()
        if driver == 'libvirt':
            libvirt_lab.create_images(glance, keystone.session())
        else:
            tiny = openstack_services.write_tiny_image(
                os.path.join(LAB, 'tiny.raw'))
            glance.create_image('tiny', tiny, session=keystone.session())
    except Exception as exc:  # ServiceError carries the log tail
        sys.exit('lab: %s\nlogs: %s/keystone.log, %s/glance.log'
                 % (exc, LAB, LAB))
    openstack_services.write_openrc(
        os.path.join(LAB, 'openrc'), 'admin', keystone.admin_password,
        'admin', keystone.auth_url)
    openstack_services.write_openrc(
        os.path.join(LAB, 'openrc.demo'), 'demo',
        openstack_services.DEMO_PASSWORD, 'demo', keystone.auth_url)
    return keystone


def openstack(keystone, *args, user='admin', check=False):
    """The openstack CLI as admin (or demo); its output, or its error."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
    password = (keystone.admin_password if user == 'admin'
                else openstack_services.DEMO_PASSWORD)
    env.update(openstack_services.openrc_vars(user, password, user,
                                              keystone.auth_url))
    result = subprocess.run([os.path.join(BIN, 'openstack')] + list(args),
                            env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit('lab: openstack %s failed:\n%s' % (' '.join(args),
                                                     result.stderr))
    return result.stdout if result.returncode == 0 else result.stderr


FLAVORS = (('m1.tiny', '1', 512, 1, 1), ('m1.small', '2', 2048, 20, 1),
           ('m1.medium', '3', 4096, 40, 2), ('m1.large', '4', 8192, 80, 4),
           ('m1.xlarge', '5', 16384, 160, 8))


def boot_a_server(keystone, driver):
    """Flavors m1.tiny..m1.xlarge; then a server the CLI boots as demo."""
    existing = openstack(keystone, 'flavor', 'list', '-f', 'value',
                         '-c', 'Name')
    for name, flavor_id, ram, disk, vcpus in FLAVORS:
        if name not in existing.split():
            openstack(keystone, 'flavor', 'create', '--id', flavor_id,
                      '--ram', str(ram), '--disk', str(disk), '--vcpus',
                      str(vcpus), name, check=True)
    listed = openstack(keystone, 'server', 'list', user='demo')
    if 'lab-server' in listed and driver != 'libvirt':
        # A fake hypervisor lives in its compute process: a restart lost
        # the guest, so boot it again rather than show a log that is gone.
        openstack(keystone, 'server', 'delete', '--wait', 'lab-server',
                  user='demo', check=True)
        listed = ''
    if 'lab-server' not in listed:
        print(openstack(keystone, 'server', 'create', '--image', 'tiny',
                        '--flavor', 'm1.tiny', '--network', 'private',
                        '--config-drive', 'True', '--wait',
                        'lab-server', user='demo', check=True))
    print(openstack(keystone, 'server', 'list', user='demo', check=True))
    # The test image's init prints GUEST-BOOTED after its DHCP lease; a
    # fake guest's log is written whole at boot.
    print_console_log(keystone, 'lab-server',
                      'GUEST-BOOTED' if driver == 'libvirt' else '')
    attach_a_volume(keystone, driver)


def attach_a_volume(keystone, driver):
    """lab-volume (1 GiB, demo's) attached to lab-server: exported over
    iSCSI (the compute hosts are not the volume host) and hot-plugged;
    the guest's console names the new disk."""
    def status():
        return openstack(keystone, 'volume', 'show', '-f', 'value', '-c',
                         'status', 'lab-volume', user='demo').strip()
    if 'lab-volume' not in openstack(keystone, 'volume', 'list', '-f',
                                     'value', '-c', 'Name', user='demo'):
        openstack(keystone, 'volume', 'create', '--size', '1',
                  'lab-volume', user='demo', check=True)
    deadline = time.monotonic() + 60
    while status() not in ('available', 'in-use') and \
            time.monotonic() < deadline:
        time.sleep(1)
    if status() == 'available':
        openstack(keystone, 'server', 'add', 'volume', 'lab-server',
                  'lab-volume', user='demo', check=True)
    print(openstack(keystone, 'server', 'volume', 'list', 'lab-server',
                    user='demo', check=True))
    if driver == 'libvirt':
        print_console_log(keystone, 'lab-server', 'DISK-ADDED')


def public_gateway():
    """The host's address on the public flat network: the bridge the
    'public' physical network maps to, with PUBLIC_GATEWAY on it."""
    ip = ['ip', 'link', 'add', PUBLIC_BRIDGE, 'type', 'bridge']
    subprocess.run(ip, capture_output=True)
    subprocess.run(['ip', 'addr', 'replace', PUBLIC_GATEWAY + '/24', 'dev',
                    PUBLIC_BRIDGE], check=True)
    subprocess.run(['ip', 'link', 'set', PUBLIC_BRIDGE, 'up'], check=True)


def create_networks(keystone):
    """public (flat, admin's, external) and private (vxlan, demo's),
    each with a subnet; left as they are when they exist."""
    listed = openstack(keystone, 'network', 'list', '-f', 'value',
                       '-c', 'Name')
    if 'public' not in listed.split():
        # Shared, so that any project's guest can sit on the host's LAN.
        openstack(keystone, 'network', 'create', '--external', '--share',
                  '--provider-network-type', 'flat',
                  '--provider-physical-network', 'public', 'public',
                  check=True)
        openstack(keystone, 'subnet', 'create', '--network', 'public',
                  '--subnet-range', PUBLIC_GATEWAY.rsplit('.', 1)[0] + '.0/24',
                  '--gateway', PUBLIC_GATEWAY, '--allocation-pool',
                  'start=172.24.4.10,end=172.24.4.250', 'public-subnet',
                  check=True)
    if 'private' not in listed.split():
        openstack(keystone, 'network', 'create', 'private', user='demo',
                  check=True)
        openstack(keystone, 'subnet', 'create', '--network', 'private',
                  '--subnet-range', '10.0.0.0/26', '--dns-nameserver',
                  PUBLIC_GATEWAY, 'private-subnet', user='demo', check=True)
    print(openstack(keystone, 'network', 'list', check=True))


def print_console_log(keystone, server, wait_for, timeout=120):
    """Wait until the guest's console shows wait_for, then print it (CLI)."""
    deadline = time.monotonic() + timeout
    log = ''
    while time.monotonic() < deadline:
        log = openstack(keystone, 'console', 'log', 'show', server,
                        user='demo', check=True)
        if log.strip() and wait_for in log:
            break
        time.sleep(2)
    print('lab: console log of %s:' % server)
    print(log)


def up(args):
    os.makedirs(LAB, exist_ok=True)
    if args.db != 'sqlite':
        _create_server_databases(args.db)
    driver = args.driver
    if driver == 'auto':
        driver = 'libvirt' if libvirt_lab.available() else 'fake'
    print('lab: compute hosts use the %s driver' % driver)
    keystone = identity_up(args.db, driver)
    write_configs(args.db, args.computes, keystone, driver)
    manage('api_db', 'sync')
    manage('cell_v2', 'map_cell0', '--database_connection',
           _url(args.db, 'nova_cell0'))
    manage('db', 'sync')
    if 'cell1' not in manage('cell_v2', 'list_cells'):
        manage('cell_v2', 'create_cell', '--name', 'cell1')
    manage('placement_db', 'sync')
    manage('network_db', 'sync')
    manage('volume_db', 'sync')
    public_gateway()
    for name in _daemons():
        start(name)
    expected = len(_daemons())
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        dead = [n for n in _daemons() if not _pid(n)]
        if dead:
            sys.exit('lab: %s exited; see %s/%s.log' % (dead[0], LAB,
                                                        dead[0]))
        listing = manage('service', 'list')
        if (listing.count('| up ') >= expected and _port_open(8774)
                and _port_open(8778) and _port_open(NETWORK_PORT)
                and _port_open(VOLUME_PORT)):
            break
        time.sleep(1)
    else:
        sys.exit('lab: not every service came up in 90 s; logs in %s' % LAB)
    manage('cell_v2', 'discover_hosts')
    print(manage('service', 'list'))
    if keystone is not None:
        print(openstack(keystone, 'catalog', 'list'))
        create_networks(keystone)
        boot_a_server(keystone, driver)
    print('lab: up. Configs and logs in %s; compute API on '
          'http://127.0.0.1:8774, Placement on http://127.0.0.1:8778, '
          'network on http://127.0.0.1:%d, volume on http://127.0.0.1:%d'
          % (LAB, NETWORK_PORT, VOLUME_PORT))
    if keystone is not None:
        print('lab: Keystone on %s, Glance on http://127.0.0.1:%d; '
              '`. lab/openrc` (admin) or `. lab/openrc.demo` for the '
              'openstack CLI' % (keystone.auth_url, GLANCE_PORT))


def status(args):
    for name in _daemons() + list(IDENTITY):
        pid = _pid(name)
        print('%-12s %s' % (name, 'running (pid %d)' % pid if pid
                            else 'stopped'))
    print(manage('service', 'list', check=False))


def stop(args):
    if not os.path.isdir(LAB):
        return
    names = list(IDENTITY) + _daemons()
    for name in reversed(names):
        pid = _pid(name)
        if pid:
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    while any(_pid(n) for n in names) and time.monotonic() < deadline:
        time.sleep(0.2)
    for name in names:
        pid = _pid(name)
        if pid:
            os.kill(pid, signal.SIGKILL)
    print('lab: stopped')


def remove_network_plumbing():
    """The lab's dnsmasq processes, DHCP namespaces, network bridges and
    tunnels, and the public bridge: what nova-like-network and the
    compute hosts leave on the host when they stop."""
    state = os.path.join(LAB, 'network')
    conf = types.SimpleNamespace(network=types.SimpleNamespace(
        state_path=state, physical_interface_mappings=[
            'public:' + PUBLIC_BRIDGE]))
    driver = dhcp.DhcpDriver(conf)
    for network_id in driver.active_networks():
        driver.disable(network_id)
    links = subprocess.run(['ip', '-o', 'link', 'show'], capture_output=True,
                           text=True).stdout
    for line in links.splitlines():
        name = line.split(':')[1].strip().split('@')[0]
        if name.startswith(('brq', 'vxlan-', 'fo-')) or \
                name == PUBLIC_BRIDGE:
            subprocess.run(['ip', 'link', 'delete', name],
                           capture_output=True)


def remove_iscsi_targets():
    """The volume service's iSCSI targets, which tgtd keeps after it
    stopped (the lab runs with the default target prefix)."""
    prefix = [opt.default for opt in volume_conf.volume_opts
              if opt.name == 'iscsi_target_prefix'][0]
    if shutil.which('tgtadm'):
        try:
            tgt.remove_targets(prefix)
        except tgt.TargetError as exc:
            print('lab: could not remove iSCSI targets: %s' % exc)


def clean(args):
    stop(args)
    if os.path.isdir(LAB):
        libvirt_lab.remove_guests(LAB)
        remove_network_plumbing()
        remove_iscsi_targets()
    _drop_server_databases()
    shutil.rmtree(LAB, ignore_errors=True)
    print('lab: cleaned')


def main():
    parser = argparse.ArgumentParser(prog='tools/lab.sh')
    sub = parser.add_subparsers(dest='command')
    p = sub.add_parser('up', help='start (or restart what is down)')
    p.add_argument('--db', choices=['sqlite', 'mysql', 'postgresql'],
                   default='sqlite')
    p.add_argument('--computes', type=int, default=2)
    p.add_argument('--driver', choices=['auto', 'libvirt', 'fake'],
                   default='auto',
                   help='virt driver of the compute hosts; auto: libvirt '
                        'when libvirtd answers, else fake')
    p.set_defaults(func=up)
    for name, func in (('status', status), ('stop', stop),
                       ('clean', clean)):
        sub.add_parser(name).set_defaults(func=func)
    args = parser.parse_args()
    if args.command is None:
        args = parser.parse_args(['up'])
    args.func(args)


if __name__ == '__main__':
    main()
