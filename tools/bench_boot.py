# SPDX-License-Identifier: Apache-2.0
"""Boot benchmark through openstacksdk, against nova_like or OpenStack Nova.

Boots N servers with C concurrent clients, waits for ACTIVE, times
GET /servers/detail with the N servers present, deletes them all and waits
for 404. Prints throughput, p50/p90/p99 of POST latency, POST->ACTIVE and
DELETE->404, the list latency, the CPU time each local component (nova-like
daemons, Keystone, Glance, RabbitMQ, the SQL server, this client) spent per
server booted, and the RSS of every local nova-like daemon. A reference
workload timed before and after says how fast the machine's cores were: on a
shared host it varies by up to two times from one minute to the next.

    # against a Keystone-backed cloud (the lab writes lab/openrc):
    .venv/bin/python tools/bench_boot.py --os-cloud-env -n 200 -c 20 \
        --image tiny --flavor m1.tiny --pid-dir lab
    # each server with a port on network private (the lab's), and how
    # long compute hosts waited for their ports (from lab/compute*.log):
    .venv/bin/python tools/bench_boot.py --os-cloud-env -n 200 -c 20 \
        --image tiny --flavor m1.tiny --pid-dir lab --network private
    # against a noauth2 nova-like-api:
    .venv/bin/python tools/bench_boot.py --noauth http://127.0.0.1:8774/v2.1 \
        -n 200 -c 20 --image <image uuid> --flavor <flavor id>
"""

import argparse
import concurrent.futures
import datetime
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse

import openstack
import psutil

# Updates are stamped when written and seen when committed: ask again for a
# little before the newest update seen.
SINCE_MARGIN = datetime.timedelta(seconds=2)
FULL_POLL_EVERY = 25


def percentiles(values):
    if not values:
        return 'n/a'
    ordered = sorted(values)

    def pick(p):
        last = len(ordered) - 1
        return ordered[min(last, int(round(p * last)))]
    return 'p50 %.0f ms  p90 %.0f ms  p99 %.0f ms' % (
        pick(0.5) * 1000, pick(0.9) * 1000, pick(0.99) * 1000)


def connect(args):
    if args.noauth:
        return openstack.connect(
            auth_type='admin_token',
            auth={'endpoint': args.noauth, 'token': args.token},
            compute_endpoint_override=args.noauth,
            compute_api_version='2.100', load_envvars=False)
    return openstack.connect(compute_api_version='2.100')


def boot_all(conn_factory, args, image_id, flavor_id):
    """POST every server; returns their POST times, latencies and CPU use."""
    posted = {}
    latencies = []
    lock = threading.Lock()
    local = threading.local()
    cpu_before = {}
    ready = threading.Barrier(args.concurrency,
                              action=lambda: cpu_before.update(
                                  cpu_seconds(args.only)))

    def authenticated():
        # Each client gets its token before the clock starts: the figures
        # are of the compute API, not of Keystone issuing 20 tokens at once.
        if not hasattr(local, 'conn'):
            local.conn = conn_factory()
            # A few requests, each on a new connection (a kept-alive one
            # stays with one worker), so that every API worker has likely
            # validated this token with Keystone before the clock starts.
            for _ in range(8):
                local.conn.compute.get(
                    '/flavors', headers={'Connection': 'close'}
                ).raise_for_status()
            # The API checks the image in Glance with the user's token:
            # Glance validates it once, before the clock too.
            for _ in range(4):
                local.conn.image.get(
                    '/images/' + image_id, headers={'Connection': 'close'}
                ).raise_for_status()
            ready.wait()
        return local.conn

    def boot(index):
        conn = authenticated()
        start = time.monotonic()
        server = conn.compute.create_server(
            name='bench-%d' % index, image_id=image_id, flavor_id=flavor_id,
            networks=[{'uuid': args.network_id}] if args.network_id
            else 'none')
        with lock:
            latencies.append(time.monotonic() - start)
            posted[server.id] = start

    with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(boot, range(args.number)))
    return posted, latencies, cpu_before


_ALLOCATED = re.compile(r'Ports of (\S+) allocated and bound in ([0-9.]+) ms')


def port_times(pid_dir, uuids):
    """Seconds compute hosts waited for each server's ports (create and
    bind, one network RPC call), from their logs in pid_dir."""
    times = []
    for name in sorted(os.listdir(pid_dir)):
        if not (name.startswith('compute') and name.endswith('.log')):
            continue
        with open(os.path.join(pid_dir, name), errors='replace') as f:
            for line in f:
                found = _ALLOCATED.search(line)
                if found and found.group(1) in uuids:
                    times.append(float(found.group(2)) / 1000)
    return times


def wait_states(conn, posted, want, timeout):
    """Poll GET /servers/detail until every server in posted is in want.

    After the first poll only servers changed since the newest update seen
    (less a margin for transactions that commit late) are asked for, as an
    efficient client would: the figures are of the cloud, not of a client
    re-reading 200 servers five times a second. Every FULL_POLL_EVERY-th
    poll is a full one again: an update that committed later than the
    margin (a slow or profiled cloud) is not missed for good.
    """
    done = {}
    since = None
    polls = 0
    deadline = time.monotonic() + timeout
    while len(done) < len(posted) and time.monotonic() < deadline:
        polls += 1
        if polls % FULL_POLL_EVERY == 0:
            since = None
        query = {'name': '^bench-'}
        if since:
            query['changes-since'] = since
        response = conn.compute.get(
            '/servers/detail?' + urllib.parse.urlencode(query),
            microversion='2.100')
        response.raise_for_status()
        servers = response.json()['servers']
        now = time.monotonic()
        for server in servers:
            uuid = server['id']
            if uuid not in posted or uuid in done:
                continue
            if server['status'] == want:
                done[uuid] = now - posted[uuid]
            elif server['status'] == 'ERROR' and want != 'DELETED':
                sys.exit('server %s went to ERROR: %s' % (
                    uuid, (server.get('fault') or {}).get('message')))
        if want == 'DELETED' and not since:
            # The first, full poll omits deleted servers.
            present = {s['id'] for s in servers}
            done.update((u, now - posted[u]) for u in posted
                        if u not in present and u not in done)
        newest = max((s['updated'] for s in servers), default=None)
        if newest:
            stamp = datetime.datetime.fromisoformat(
                newest.replace('Z', '+00:00')) - SINCE_MARGIN
            since = max(since or '', stamp.isoformat())
        time.sleep(0.2)
    return done


def component(cmdline):
    """The part of the cloud a process belongs to, or None."""
    # Plain daemons: ".../nova-like-conductor --config-file ...";
    # gunicorn ones are titled "gunicorn: worker [nova-like-api]".
    match = re.search(r'nova-like-[a-z]+|keystone|glance-api|beam\.smp|'
                      r'^postgres|mariadbd|dnsmasq', cmdline[:300])
    return match.group(0) if match else None


DAEMONS = ('nova-like-api', 'nova-like-conductor', 'nova-like-scheduler',
           'nova-like-compute', 'nova-like-placement', 'nova-like-network',
           'keystone', 'glance-api')


def daemon_rss():
    totals = {}
    for proc in psutil.process_iter(['cmdline', 'memory_info']):
        name = component(' '.join(proc.info['cmdline'] or []))
        if name and name.startswith('nova-like') and \
                proc.info['memory_info']:
            totals.setdefault(name, []).append(proc.info['memory_info'].rss)
    return {n: (len(v), sum(v)) for n, v in sorted(totals.items())}


def lab_pids(pid_dir):
    """The pids in pid_dir/*.pid (tools/lab.sh writes them), or None."""
    if not pid_dir:
        return None
    pids = set()
    for name in os.listdir(pid_dir):
        if name.endswith('.pid'):
            with open(os.path.join(pid_dir, name)) as f:
                pids.add(int(f.read().split()[0]))
    return pids


def cpu_seconds(only=None):
    """CPU seconds (user + system) used so far, per process, with names.

    :param only: pids whose processes (and their children) alone count
        among the OpenStack daemons; the SQL server and broker always count.
    """
    used = {}
    for proc in psutil.process_iter(['cmdline', 'cpu_times', 'ppid']):
        name = component(' '.join(proc.info['cmdline'] or []))
        times = proc.info['cpu_times']
        if only is not None and name in DAEMONS and not (
                proc.pid in only or proc.info['ppid'] in only):
            continue
        if name and times:
            used[proc.pid] = (name, times.user + times.system)
    me = psutil.Process().cpu_times()
    used[0] = ('bench client', me.user + me.system)
    return used


def cpu_per_server(before, after, count):
    """Milliseconds of CPU per server, per component, between two samples."""
    totals = {}
    for pid, (name, seconds) in after.items():
        start = before.get(pid, (name, 0.0))[1]
        totals[name] = totals.get(name, 0.0) + seconds - start
    return sorted(((t * 1000 / count, n) for n, t in totals.items()),
                  reverse=True)


def machine_speed():
    """Milliseconds of one core for a fixed pure-Python workload (best of
    5): CPU figures of two runs (or machines) compare only at like speeds.

    The work is of the control plane's kind: building small objects and
    dicts, formatting and parsing JSON.
    """
    import json

    class Row:
        __slots__ = ('uuid', 'name', 'state', 'metadata')

        def __init__(self, i):
            self.uuid = '%032x' % i
            self.name = 'server-%d' % i
            self.state = ('building', 'active')[i % 2]
            self.metadata = {'key%d' % k: str(k) for k in range(4)}

    best = float('inf')
    for _ in range(5):
        start = time.thread_time()
        for _ in range(20):
            rows = [Row(i) for i in range(2000)]
            body = json.dumps({'servers': [
                {'id': r.uuid, 'name': r.name, 'status': r.state.upper(),
                 'metadata': r.metadata} for r in rows]})
            json.loads(body)
        best = min(best, time.thread_time() - start)
    return best * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-n', '--number', type=int, default=200)
    parser.add_argument('-c', '--concurrency', type=int, default=20)
    parser.add_argument('--image', required=True, help='image name or id')
    parser.add_argument('--flavor', required=True, help='flavor name or id')
    parser.add_argument('--noauth', metavar='COMPUTE_URL',
                        help='talk to a noauth2 API at this /v2.1 URL')
    parser.add_argument('--token', default='admin:admin',
                        help='X-Auth-Token for --noauth (user:project)')
    parser.add_argument('--os-cloud-env', action='store_true',
                        help='use OS_* variables (source an openrc first)')
    parser.add_argument('--timeout', type=float, default=600)
    parser.add_argument('--list-samples', type=int, default=20)
    parser.add_argument('--network', metavar='NAME',
                        help='give each server a port on this network '
                             '(default: no network)')
    parser.add_argument('--pid-dir', metavar='DIR',
                        help='count only the daemons whose pid files are in '
                             'DIR (and their workers), e.g. lab: other '
                             'clouds on this machine are left out')
    args = parser.parse_args()
    args.only = lab_pids(args.pid_dir)

    conn = connect(args)
    image_id = args.image if args.noauth else conn.image.find_image(
        args.image, ignore_missing=False).id
    flavor_id = conn.compute.find_flavor(args.flavor,
                                         ignore_missing=False).id
    args.network_id = conn.network.find_network(
        args.network, ignore_missing=False).id if args.network else None

    speed_before = machine_speed()
    posted, post_latency, cpu_before = boot_all(
        lambda: connect(args), args, image_id, flavor_id)
    active = wait_states(conn, posted, 'ACTIVE', args.timeout)
    boot_cpu = cpu_per_server(cpu_before, cpu_seconds(args.only),
                              args.number)
    # From the first POST to the last server seen ACTIVE.
    elapsed = (max(posted[u] + active[u] for u in active) -
               min(posted.values())) if active else float('inf')
    # The request itself (HTTP through keystoneauth, body read), not the
    # SDK turning 200 servers into resource objects afterwards.
    list_latency = []
    for _ in range(args.list_samples):
        t0 = time.monotonic()
        response = conn.compute.get('/servers/detail',
                                    microversion='2.100')
        response.raise_for_status()
        list_latency.append(time.monotonic() - t0)
    rss = daemon_rss()

    deleted_at = {}
    for uuid in posted:
        deleted_at[uuid] = time.monotonic()
        conn.compute.delete_server(uuid)
    gone = wait_states(conn, deleted_at, 'DELETED', args.timeout)
    speed_after = machine_speed()

    print('servers: %d, concurrency: %d' % (args.number, args.concurrency))
    print('machine: reference workload %.0f ms before, %.0f ms after, on '
          'one core (lower is faster; a shared host varies, and CPU figures '
          'compare only at like speeds)' % (speed_before, speed_after))
    print('ACTIVE: %d/%d in %.1f s -> %.1f servers/s' % (
        len(active), args.number, elapsed, len(active) / elapsed))
    print('POST /servers        %s' % percentiles(post_latency))
    print('POST -> ACTIVE       %s' % percentiles(list(active.values())))
    print('DELETE -> 404        %s' % percentiles(list(gone.values())))
    print('GET /servers/detail  %s (median %.1f ms, %d servers present)' % (
        percentiles(list_latency), statistics.median(list_latency) * 1000,
        args.number))
    print('CPU per server booted, from the first POST to all ACTIVE '
          '(the client\'s polling included):')
    if args.network and args.pid_dir:
        print('ports (compute side)  %s (allocate and bind, one RPC call; '
              '%s)' % (percentiles(port_times(args.pid_dir, posted)),
                       args.network))
    for ms, name in boot_cpu:
        print('CPU %-22s %7.1f ms' % (name, ms))
    print('CPU %-22s %7.1f ms' % ('total', sum(ms for ms, _ in boot_cpu)))
    for name, (count, total) in rss.items():
        print('RSS %-22s %3d process(es) %7.1f MiB' % (
            name, count, total / 1048576.0))
    if len(active) < args.number or len(gone) < args.number:
        sys.exit('not every server reached ACTIVE and then 404')


if __name__ == '__main__':
    main()
