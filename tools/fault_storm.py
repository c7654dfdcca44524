# SPDX-License-Identifier: Apache-2.0
"""Fault storms: boots or deletes in flight while a part fails, then checks.

A storm posts N boots (or deletes N servers) from C threads; once a few
requests are out, a fault is injected (a daemon killed, the SQL server or
the broker restarted), healed 10 s later, and when the storm is over and
the servers have settled, every invariant is counted:

- stuck: servers still in BUILD or with task_state deleting;
- error_without_fault: ERROR servers whose fault says nothing;
- orphan_allocations: allocations on compute nodes of no server;
- without_allocation: ACTIVE servers with no allocation on their node;
- error_holding_claim: ERROR servers still holding an allocation;
- usage_mismatch: compute nodes whose usage differs from the flavors of
  the ACTIVE servers on them;
- post_5xx / lost: requests answered 5xx; boots answered 5xx that left
  a server behind anyway, or deletes answered 204 whose server remains.

Against the lab (tools/lab.sh up --computes 10 --db postgresql --driver
fake, then `. lab/openrc`, as admin):

    .venv/bin/python tools/fault_storm.py --os-cloud-env --image tiny \\
        --flavor m1.tiny [--scenario conductor-kill ...]

prints one row per scenario. tests/integration/test_fault_storms.py runs
the same storms against test clouds.
"""

import argparse
import concurrent.futures
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import openstack

PLACEMENT_HEADERS = {'OpenStack-API-Version': 'placement 1.39'}
HEAL_AFTER = 10


class Storm:
    """count boots (or deletes of servers) from concurrency threads."""

    def __init__(self, conn_factory, count=40, concurrency=10):
        self.conn_factory = conn_factory
        self.count = count
        self.concurrency = concurrency
        self.prefix = 'storm-%s-' % uuid.uuid4().hex[:6]
        self.started = threading.Semaphore(0)
        self.results = []  # (name or id, status code or exception text)
        self._lock = threading.Lock()
        self._local = threading.local()

    def _conn(self):
        """This thread's connection: openstacksdk's are not shared."""
        if getattr(self._local, 'conn', None) is None:
            self._local.conn = self.conn_factory()
        return self._local.conn

    def _record(self, key, outcome):
        with self._lock:
            self.results.append((key, outcome))
        self.started.release()

    def boots(self, image_id, flavor_id):
        """Post the boots; returns the thread pool's futures."""
        def boot(index):
            conn = self._conn()
            name = '%s%03d' % (self.prefix, index)
            try:
                conn.compute.create_server(
                    name=name, image_id=image_id, flavor_id=flavor_id,
                    networks='none')
                self._record(name, 202)
            except openstack.exceptions.HttpException as exc:
                self._record(name, exc.status_code or str(exc))
            except Exception as exc:  # refused connection, timeout
                self._record(name, type(exc).__name__)

        return self._run(boot, range(self.count))

    def deletes(self, server_ids):
        def delete(server_id):
            conn = self._conn()
            try:
                conn.compute.delete_server(server_id)
                self._record(server_id, 204)
            except openstack.exceptions.HttpException as exc:
                self._record(server_id, exc.status_code or str(exc))
            except Exception as exc:
                self._record(server_id, type(exc).__name__)

        return self._run(delete, server_ids)

    def _run(self, work, items):
        pool = concurrent.futures.ThreadPoolExecutor(self.concurrency)
        futures = [pool.submit(work, item) for item in items]
        pool.shutdown(wait=False)
        return futures

    def wait_started(self, n, timeout=120):
        """Block until n requests have been answered (the storm is on)."""
        deadline = time.monotonic() + timeout
        for _ in range(n):
            if not self.started.acquire(timeout=max(
                    0.1, deadline - time.monotonic())):
                return False
        return True

    def failed(self):
        return [key for key, outcome in self.results
                if outcome not in (202, 204)]

    def answered_5xx(self):
        return [key for key, outcome in self.results
                if isinstance(outcome, int) and outcome >= 500]


def run(storm_start, inject, heal, heal_after=HEAL_AFTER):
    """Start the storm, inject the fault once it is going, heal it."""
    storm, futures = storm_start()
    storm.wait_started(max(1, storm.count // 8))
    inject()
    try:
        time.sleep(heal_after)
    finally:
        heal()
    concurrent.futures.wait(futures, timeout=600)
    return storm


def servers(admin, prefix=None):
    found = admin.compute.servers(details=True, all_projects=True)
    return [s for s in found if prefix is None or
            (s.name or '').startswith(prefix)]


def settle(admin, prefix, timeout):
    """Wait until no server of the storm is in BUILD or being deleted.

    :returns: the seconds it took, or None when it did not happen.
    """
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if not _stuck(servers(admin, prefix)):
                return time.monotonic() - start
        except openstack.exceptions.SDKException:
            pass  # the API may still be coming back
        time.sleep(2)
    return None


def _stuck(found):
    return [s for s in found
            if s.status == 'BUILD' or s.task_state == 'deleting']


def _flavor_resources(flavor):
    swap = flavor.get('swap') or 0
    return {'VCPU': flavor['vcpus'], 'MEMORY_MB': flavor['ram'],
            'DISK_GB': flavor['disk'] + (flavor.get('ephemeral') or 0) +
            (int(swap) + 1023) // 1024}


def sdk_placement(admin):
    """GET a Placement path through an openstacksdk connection."""
    def get(path):
        response = admin.placement.get(path, headers=PLACEMENT_HEADERS)
        response.raise_for_status()
        return response.json()
    return get


def invariants(admin, storm, placement, boots=True):
    """Count what is wrong after a storm (see the module docstring).

    :param placement: f(path) -> the JSON of GET path from Placement.
    """
    everything = servers(admin)
    ours = [s for s in everything if (s.name or '').startswith(storm.prefix)]
    by_id = {s.id: s for s in everything}
    providers = placement('/resource_providers')[
        'resource_providers']
    allocated = {}   # consumer -> {provider name: resources}
    usage = {}
    for rp in providers:
        consumers = placement('/resource_providers/%s/allocations'
                              % rp['uuid'])['allocations']
        for consumer, allocation in consumers.items():
            allocated.setdefault(consumer, {})[rp['name']] = \
                allocation['resources']
        usage[rp['name']] = {k: v for k, v in placement(
            '/resource_providers/%s/usages' % rp['uuid'])[
                'usages'].items() if v}
    expected = {rp['name']: {} for rp in providers}
    without_allocation = error_holding = 0
    for server in everything:
        if server.status != 'ACTIVE':
            continue
        node = server.hypervisor_hostname
        if node not in allocated.get(server.id, {}):
            without_allocation += 1
        for rc, amount in _flavor_resources(server.flavor).items():
            if amount:
                expected.setdefault(node, {})
                expected[node][rc] = expected[node].get(rc, 0) + amount
    for server in everything:
        if server.status == 'ERROR' and allocated.get(server.id):
            error_holding += 1
    if boots:
        failed = set(storm.failed())
        lost = sum(1 for s in ours if s.name in failed)
    else:
        deleted = {key for key, outcome in storm.results if outcome == 204}
        lost = sum(1 for s in ours if s.id in deleted)
    return {
        'servers': len(ours),
        'stuck': len(_stuck(ours)),
        'error': sum(1 for s in ours if s.status == 'ERROR'),
        'error_without_fault': sum(
            1 for s in ours if s.status == 'ERROR' and
            not (s.fault or {}).get('message')),
        'orphan_allocations': sum(1 for c in allocated if c not in by_id),
        'without_allocation': without_allocation,
        'error_holding_claim': error_holding,
        'usage_mismatch': sum(1 for name in usage
                              if usage[name] != expected.get(name, {})),
        'post_5xx': len(storm.answered_5xx()),
        'lost': lost,
    }


BAD = ('stuck', 'error_without_fault', 'orphan_allocations',
       'without_allocation', 'error_holding_claim', 'usage_mismatch', 'lost')


def problems(report):
    """The invariants a report breaks, as {name: count}."""
    return {key: report[key] for key in BAD if report[key]}


# The lab's faults: its daemons are tools/lab.py's, with pid files in lab/.

def lab_scenarios():
    """{name: (operation, inject, heal)} for the lab."""
    # Only the lab needs tools/lab.py (which loads libvirt's helpers), and
    # as a script this file has tools/, not the project, on sys.path.
    sys.path.insert(0, os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    from tools import lab

    def kill(name):
        def inject():
            pid = lab._pid(name)
            os.kill(pid, signal.SIGKILL)
            try:
                # A daemon this process restarted is its child: reap it, or
                # its zombie would pass for a running daemon.
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        return inject

    def restart(name):
        return lambda: lab.start(name)

    def shell(command):
        return lambda: subprocess.run(command, shell=True, check=False)

    pg_restart = ('pg_ctlcluster --skip-systemctl-redirect '
                  '$(ls /etc/postgresql) main restart')
    return {
        'conductor-kill': ('boot', kill('conductor'), restart('conductor')),
        'scheduler-kill': ('boot', kill('scheduler'), restart('scheduler')),
        'postgresql-restart': ('boot', shell(pg_restart), lambda: None),
        'rabbitmq-restart': ('boot', shell('rabbitmqctl stop_app'),
                             shell('rabbitmqctl start_app')),
        'conductor-kill-deletes': ('delete', kill('conductor'),
                                   restart('conductor')),
    }


def run_scenario(conn_factory, admin, placement, operation, inject, heal,
                 image_id, flavor_id, count, concurrency, settle_timeout):
    storm = Storm(conn_factory, count, concurrency)
    if operation == 'boot':
        run(lambda: (storm, storm.boots(image_id, flavor_id)), inject, heal)
    else:
        setup = Storm(conn_factory, count, concurrency)
        storm.prefix = setup.prefix
        concurrent.futures.wait(setup.boots(image_id, flavor_id))
        settle(admin, setup.prefix, settle_timeout)
        ids = [s.id for s in servers(admin, setup.prefix)]
        run(lambda: (storm, storm.deletes(ids)), inject, heal)
    took = settle(admin, storm.prefix, settle_timeout)
    # The Placement audit acts once two of its passes agree.
    deadline = time.monotonic() + settle_timeout
    report = invariants(admin, storm, placement,
                            boots=operation == 'boot')
    while problems(report) and time.monotonic() < deadline:
        time.sleep(5)
        report = invariants(admin, storm, placement,
                            boots=operation == 'boot')
    report['settled_s'] = None if took is None else round(took)
    return storm, report


def cleanup(admin, prefix, timeout=300):
    for server in servers(admin, prefix):
        try:
            admin.compute.delete_server(server.id)
        except openstack.exceptions.SDKException:
            pass
    deadline = time.monotonic() + timeout
    while servers(admin, prefix) and time.monotonic() < deadline:
        time.sleep(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--os-cloud-env', action='store_true', required=True,
                        help='connect with the OS_* variables (as admin)')
    parser.add_argument('--image', required=True)
    parser.add_argument('--flavor', required=True)
    parser.add_argument('--scenario', action='append',
                        help='one of the scenarios (default: all)')
    parser.add_argument('-n', type=int, default=40)
    parser.add_argument('-c', type=int, default=10)
    parser.add_argument('--settle', type=int, default=180,
                        help='seconds to wait for the servers to settle')
    args = parser.parse_args()

    def conn_factory():
        return openstack.connect(compute_api_version='2.100')

    admin = conn_factory()
    image_id = admin.image.find_image(args.image, ignore_missing=False).id
    flavor_id = admin.compute.find_flavor(args.flavor,
                                          ignore_missing=False).id
    scenarios = lab_scenarios()
    names = args.scenario or list(scenarios)
    columns = ('servers', 'error', 'post_5xx', 'settled_s') + BAD
    print('%-24s' % 'scenario' + ''.join('%21s' % c for c in columns))
    broken = False
    for name in names:
        operation, inject, heal = scenarios[name]
        storm, report = run_scenario(
            conn_factory, admin, sdk_placement(admin), operation, inject,
            heal, image_id,
            flavor_id, args.n, args.c, args.settle)
        broken |= bool(problems(report))
        print('%-24s' % name + ''.join('%21s' % report[c] for c in columns),
              flush=True)
        cleanup(admin, storm.prefix)
    return 1 if broken else 0


if __name__ == '__main__':
    sys.exit(main())
