# SPDX-License-Identifier: Apache-2.0
"""Boot benchmark through openstacksdk, against nova_like or OpenStack Nova.

Boots N servers with C concurrent clients, waits for ACTIVE, times
GET /servers/detail with the N servers present, deletes them all and waits
for 404. Prints throughput, p50/p90/p99 of POST latency, POST->ACTIVE and
DELETE->404, the list latency, and the RSS of every local nova-like daemon.

    # against a Keystone-backed cloud (the lab writes lab/openrc):
    .venv/bin/python tools/bench_boot.py --os-cloud-env -n 200 -c 20 \
        --image tiny --flavor m1.tiny
    # against a noauth2 nova-like-api:
    .venv/bin/python tools/bench_boot.py --noauth http://127.0.0.1:8774/v2.1 \
        -n 200 -c 20 --image <image uuid> --flavor <flavor id>
"""

import argparse
import concurrent.futures
import re
import statistics
import sys
import threading
import time

import openstack
import psutil


def percentiles(values):
    if not values:
        return 'n/a'
    ordered = sorted(values)

    def pick(p):
        return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]
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
    posted = {}
    latencies = []
    lock = threading.Lock()
    local = threading.local()
    ready = threading.Barrier(args.concurrency)

    def authenticated():
        # Each client gets its token before the clock starts: the figures
        # are of the compute API, not of Keystone issuing 20 tokens at once.
        if not hasattr(local, 'conn'):
            local.conn = conn_factory()
            # A few requests, so that every API worker has likely validated
            # this token with Keystone before the clock starts.
            for _ in range(4):
                local.conn.compute.get('/flavors').raise_for_status()
            ready.wait()
        return local.conn

    def boot(index):
        conn = authenticated()
        start = time.monotonic()
        server = conn.compute.create_server(
            name='bench-%d' % index, image_id=image_id, flavor_id=flavor_id,
            networks='none')
        with lock:
            latencies.append(time.monotonic() - start)
            posted[server.id] = start

    with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(boot, range(args.number)))
    return posted, latencies


def wait_states(conn, posted, want, timeout):
    """Poll one GET /servers/detail until every server is in want."""
    done = {}
    deadline = time.monotonic() + timeout
    while len(done) < len(posted) and time.monotonic() < deadline:
        servers = {s.id: s for s in conn.compute.servers(
            details=True, name='^bench-')}
        now = time.monotonic()
        for uuid in posted:
            server = servers.get(uuid)
            if uuid in done:
                continue
            if want == 'DELETED' and server is None:
                done[uuid] = now - posted[uuid]
            elif server is not None and server.status == want:
                done[uuid] = now - posted[uuid]
            elif server is not None and server.status == 'ERROR' and \
                    want != 'DELETED':
                sys.exit('server %s went to ERROR: %s' % (
                    uuid, (server.fault or {}).get('message')))
        time.sleep(0.2)
    return done


def daemon_rss():
    totals = {}
    for proc in psutil.process_iter(['cmdline', 'memory_info']):
        # Plain daemons: ".../nova-like-conductor --config-file ...";
        # gunicorn ones are titled "gunicorn: worker [nova-like-api]".
        match = re.search(r'nova-like-[a-z]+',
                          ' '.join(proc.info['cmdline'] or [])[:300])
        name = match.group(0) if match else None
        if name and proc.info['memory_info']:
            totals.setdefault(name, []).append(proc.info['memory_info'].rss)
    return {n: (len(v), sum(v)) for n, v in sorted(totals.items())}


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
    args = parser.parse_args()

    conn = connect(args)
    image_id = args.image if args.noauth else conn.image.find_image(
        args.image, ignore_missing=False).id
    flavor_id = conn.compute.find_flavor(args.flavor,
                                         ignore_missing=False).id

    posted, post_latency = boot_all(lambda: connect(args), args, image_id,
                                    flavor_id)
    active = wait_states(conn, posted, 'ACTIVE', args.timeout)
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

    print('servers: %d, concurrency: %d' % (args.number, args.concurrency))
    print('ACTIVE: %d/%d in %.1f s -> %.1f servers/s' % (
        len(active), args.number, elapsed, len(active) / elapsed))
    print('POST /servers        %s' % percentiles(post_latency))
    print('POST -> ACTIVE       %s' % percentiles(list(active.values())))
    print('DELETE -> 404        %s' % percentiles(list(gone.values())))
    print('GET /servers/detail  %s (median %.1f ms, %d servers present)' % (
        percentiles(list_latency), statistics.median(list_latency) * 1000,
        args.number))
    for name, (count, total) in rss.items():
        print('RSS %-22s %3d process(es) %7.1f MiB' % (
            name, count, total / 1048576.0))
    if len(active) < args.number or len(gone) < args.number:
        sys.exit('not every server reached ACTIVE and then 404')


if __name__ == '__main__':
    main()
