#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Time GET /allocation_candidates on a cloud like upstream's perfload job.

Builds N root providers with VCPU/MEMORY_MB/DISK_GB inventory, all in one
aggregate and with the HW_CPU_X86_AVX2 trait, allocates on one provider in
ten, then times

    GET /allocation_candidates?resources=VCPU:1,DISK_GB:10,MEMORY_MB:256
        &member_of=<agg>&required=HW_CPU_X86_AVX2

--requests times at --concurrency, printing median and p95. --nested adds
the nested scenario: 1,000 trees of 7 providers (root with DISK_GB, two
NUMA nodes with VCPU/MEMORY_MB, each with an FPGA and a NIC child) and the
perfload nested query with same_subtree.

Any Placement endpoint works (--url, --token), so the same run can point
at OpenStack Placement for a side-by-side ratio; the cloud is then built
through the REST API. With --local a nova-like-placement process is started
on a free 127.0.0.1 port with a scratch SQLite database (or --db-url), and
the cloud is bulk-loaded straight into its database (--rest-load to use
the API instead): loading 10,000 providers over REST takes minutes. Each
--local result also gives the time of one request made in-process on the
same database (warm), which other load on the machine disturbs less than
the HTTP figures; every result line shows the 1-minute load average.

The cloud does not change while it is timed, so a nova-like-placement
serves repeated answers from its answer cache ([placement_api]
answer_cache_entries); --answer-cache 0 times every answer computed
afresh, as a cloud being written to all the time would see. The in-process
figure is always computed afresh.

--claims HOSTS times instead what the scheduler asks of Placement for each
server it places (candidates for a small flavor, then a claim), and the
DELETE of each claim, in process: CPU per request.

Examples:
    tools/bench_placement.py --local --n 1000 10000 --nested
    tools/bench_placement.py --claims 10 --requests 600 \
        --db-url postgresql+psycopg2://postgres@127.0.0.1/claims_scratch
    tools/bench_placement.py --url http://127.0.0.1:8778 --token $TOKEN \
        --n 1000
"""

import argparse
import concurrent.futures
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import requests

AGGREGATE = '14a5c8a3-5a99-4e8f-88be-00d85fcb1c17'
FLAT_QUERY = ('resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&member_of=%s'
              '&required=HW_CPU_X86_AVX2' % AGGREGATE)
NESTED_QUERY = ('resources=DISK_GB:10&required=COMPUTE_VOLUME_MULTI_ATTACH'
                '&resources_COMPUTE=VCPU:1,MEMORY_MB:256'
                '&required_COMPUTE=CUSTOM_FOO&resources_FPGA=FPGA:1'
                '&group_policy=none&same_subtree=_COMPUTE,_FPGA')
FLAT_INVENTORY = {'VCPU': {'total': 32, 'allocation_ratio': 16.0},
                  'MEMORY_MB': {'total': 131072, 'reserved': 512},
                  'DISK_GB': {'total': 2048}}


class Client:
    def __init__(self, url, token, microversion):
        self.url = url.rstrip('/')
        self.session = requests.Session()
        self.session.headers.update({
            'X-Auth-Token': token, 'Accept': 'application/json',
            'OpenStack-API-Version': 'placement %s' % microversion})

    def call(self, method, path, json=None, ok=(200, 201, 204)):
        resp = self.session.request(method, self.url + path, json=json)
        if resp.status_code not in ok:
            raise RuntimeError('%s %s: %s %s' % (method, path,
                                                 resp.status_code, resp.text))
        return resp


# --- building the cloud through the REST API (any endpoint)

def _rest_provider(client, name, parent, inventory, traits, aggregates):
    rp_uuid = str(uuid.uuid4())
    body = {'name': name, 'uuid': rp_uuid}
    if parent:
        body['parent_provider_uuid'] = parent
    client.call('POST', '/resource_providers', body)
    gen = 0
    if inventory:
        client.call('PUT', '/resource_providers/%s/inventories' % rp_uuid,
                    {'resource_provider_generation': gen,
                     'inventories': inventory})
        gen += 1
    if traits:
        client.call('PUT', '/resource_providers/%s/traits' % rp_uuid,
                    {'resource_provider_generation': gen, 'traits': traits})
        gen += 1
    if aggregates:
        client.call('PUT', '/resource_providers/%s/aggregates' % rp_uuid,
                    {'resource_provider_generation': gen,
                     'aggregates': aggregates})
    return rp_uuid


def _rest_allocate(client, allocations):
    client.call('PUT', '/allocations/%s' % uuid.uuid4(), {
        'allocations': allocations, 'project_id': 'bench',
        'user_id': 'bench', 'consumer_generation': None,
        'consumer_type': 'INSTANCE'})


def rest_load_flat(client, n, prefix, pool):
    def one(i):
        rp = _rest_provider(client, '%s-%d' % (prefix, i), None,
                            FLAT_INVENTORY, ['HW_CPU_X86_AVX2'], [AGGREGATE])
        if i % 10 == 0:
            _rest_allocate(client, {rp: {'resources': {
                'VCPU': 2, 'MEMORY_MB': 2048, 'DISK_GB': 20}}})
    list(pool.map(one, range(n)))


def rest_load_nested(client, trees, prefix, pool):
    client.call('PUT', '/traits/CUSTOM_FOO', ok=(201, 204))

    def one(i):
        root = _rest_provider(client, '%s-%d' % (prefix, i), None,
                              {'DISK_GB': {'total': 2048}},
                              ['COMPUTE_VOLUME_MULTI_ATTACH'], [])
        for numa in (0, 1):
            node = _rest_provider(
                client, '%s-%d-numa%d' % (prefix, i, numa), root,
                {'VCPU': {'total': 16}, 'MEMORY_MB': {'total': 65536}},
                ['CUSTOM_FOO'] if numa else [], [])
            _rest_provider(client, '%s-%d-numa%d-fpga' % (prefix, i, numa),
                           node, {'FPGA': {'total': 1}}, [], [])
            _rest_provider(client, '%s-%d-numa%d-nic' % (prefix, i, numa),
                           node, {'SRIOV_NET_VF': {'total': 8}}, [], [])
    list(pool.map(one, range(trees)))


# --- bulk loading straight into a nova-like-placement database (--local)

def db_load(db_url, n, trees):
    """Insert the cloud with a few multi-row INSERTs (nova-like only)."""
    import sqlalchemy as sa
    from nova_like.placement.db import models as m

    engine = sa.create_engine(db_url)
    now = None
    with engine.begin() as conn:
        rc = dict(conn.execute(sa.select(m.RC.c.name, m.RC.c.id)).all())
        conn.execute(sa.insert(m.TRAIT).values(name='CUSTOM_FOO'))
        traits = dict(conn.execute(sa.select(m.TRAIT.c.name,
                                             m.TRAIT.c.id)).all())
        agg_id = conn.execute(sa.insert(m.AGG).values(
            uuid=AGGREGATE)).inserted_primary_key[0]
        pid = conn.execute(sa.insert(m.PROJECT).values(
            external_id='bench')).inserted_primary_key[0]
        uid = conn.execute(sa.insert(m.USER).values(
            external_id='bench')).inserted_primary_key[0]
        next_id = (conn.execute(sa.select(sa.func.max(m.RP.c.id))).scalar()
                   or 0) + 1
        rps, invs, rpt, rpa, allocs, consumers = [], [], [], [], [], []

        def provider(name, parent, root, inventory, trait_names):
            nonlocal next_id
            rp_id = next_id
            next_id += 1
            rps.append({'id': rp_id, 'uuid': str(uuid.uuid4()), 'name': name,
                        'generation': 1, 'parent_provider_id': parent,
                        'root_provider_id': root or rp_id,
                        'created_at': now})
            for cls, inv in inventory.items():
                invs.append({'resource_provider_id': rp_id,
                             'resource_class_id': rc[cls],
                             'total': inv['total'],
                             'reserved': inv.get('reserved', 0),
                             'min_unit': 1, 'max_unit': inv['total'],
                             'step_size': 1, 'allocation_ratio':
                                 inv.get('allocation_ratio', 1.0)})
            for t in trait_names:
                rpt.append({'resource_provider_id': rp_id,
                            'trait_id': traits[t]})
            return rp_id

        for i in range(n):
            rp_id = provider('flat-%d' % i, None, None, FLAT_INVENTORY,
                             ['HW_CPU_X86_AVX2'])
            rpa.append({'resource_provider_id': rp_id,
                        'aggregate_id': agg_id})
            if i % 10 == 0:
                consumer = str(uuid.uuid4())
                consumers.append({'uuid': consumer, 'project_id': pid,
                                  'user_id': uid, 'generation': 1})
                for cls, amount in (('VCPU', 2), ('MEMORY_MB', 2048),
                                    ('DISK_GB', 20)):
                    allocs.append({'resource_provider_id': rp_id,
                                   'consumer_id': consumer,
                                   'resource_class_id': rc[cls],
                                   'used': amount})
        for i in range(trees):
            root = provider('tree-%d' % i, None, None,
                            {'DISK_GB': {'total': 2048}},
                            ['COMPUTE_VOLUME_MULTI_ATTACH'])
            for numa in (0, 1):
                node = provider('tree-%d-numa%d' % (i, numa), root, root,
                                {'VCPU': {'total': 16},
                                 'MEMORY_MB': {'total': 65536}},
                                ['CUSTOM_FOO'] if numa else [])
                provider('tree-%d-numa%d-fpga' % (i, numa), node, root,
                         {'FPGA': {'total': 1}}, [])
                provider('tree-%d-numa%d-nic' % (i, numa), node, root,
                         {'SRIOV_NET_VF': {'total': 8}}, [])
        for table, rows in ((m.RP, rps), (m.INV, invs), (m.RP_TRAIT, rpt),
                            (m.RP_AGG, rpa), (m.CONSUMER, consumers),
                            (m.ALLOC, allocs)):
            for start in range(0, len(rows), 5000):
                if rows[start:start + 5000]:
                    conn.execute(sa.insert(table), rows[start:start + 5000])
    engine.dispose()


# --- a local nova-like-placement

class LocalServer:
    def __init__(self, db_url, workers, threads, answer_cache=None):
        from nova_like.placement.db import migration
        self.tmp = tempfile.mkdtemp(prefix='bench-placement-')
        self.db_url = db_url or 'sqlite:///%s/placement.sqlite' % self.tmp
        migration.upgrade(self.db_url)
        with socket.socket() as s:
            s.bind(('127.0.0.1', 0))
            self.port = s.getsockname()[1]
        conf = os.path.join(self.tmp, 'placement.conf')
        with open(conf, 'w') as f:
            f.write('[placement_database]\nconnection = %s\n'
                    '[placement_api]\nauth_strategy = noauth2\n'
                    'listen = 127.0.0.1\nport = %d\nworkers = %d\n'
                    'threads = %d\n' % (self.db_url, self.port, workers,
                                        threads))
            if answer_cache is not None:
                f.write('answer_cache_entries = %d\n' % answer_cache)
        binary = os.path.join(os.path.dirname(sys.executable),
                              'nova-like-placement')
        self.log = open(os.path.join(self.tmp, 'server.log'), 'w')
        self.proc = subprocess.Popen([binary, '--config-file', conf],
                                     stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.url = 'http://127.0.0.1:%d' % self.port
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(self.url + '/', timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError('server did not start; see %s'
                                   % self.log.name)
            time.sleep(0.2)
        # One request per worker so standard classes and traits are synced.
        requests.get(self.url + '/resource_providers',
                     headers={'X-Auth-Token': 'admin'})

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def measure(client, query, total, concurrency):
    """Latencies (s) of total GETs at concurrency, and the answer size."""
    path = '/allocation_candidates?' + query
    first = client.call('GET', path).json()
    sessions = [Client(client.url, client.session.headers['X-Auth-Token'],
                       client.session.headers['OpenStack-API-Version']
                       .split()[1]) for _ in range(concurrency)]

    def timed(i):
        for attempt in range(3):
            start = time.perf_counter()
            try:
                resp = sessions[i % concurrency].call('GET', path)
            except requests.ConnectionError:
                # The server closed an idle keep-alive connection while we
                # were queued behind other requests: time a fresh one.
                if attempt == 2:
                    raise
                continue
            assert resp.content
            return time.perf_counter() - start

    wall = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(timed, range(total)))
    wall = time.perf_counter() - wall
    return latencies, wall, len(first['allocation_requests'])


def report(name, latencies, wall, candidates):
    latencies = sorted(latencies)
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    print('%-28s candidates=%-6d median=%7.1f ms  p95=%7.1f ms  '
          '%6.1f req/s  (load %.2f)' % (
              name, candidates, statistics.median(latencies) * 1000,
              p95 * 1000, len(latencies) / wall, os.getloadavg()[0]),
          flush=True)


def direct_client(db_url, microversion, answer_cache=None):
    """A PlacementDirect on db_url, noauth2, in this process."""
    from oslo_config import cfg

    from nova_like.conf import placement as placement_conf
    from nova_like.placement import direct

    conf = cfg.ConfigOpts()
    placement_conf.register_opts(conf)
    conf([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    conf.set_override('connection', db_url, 'placement_database')
    conf.set_override('auth_strategy', 'noauth2', 'placement_api')
    if answer_cache is not None:
        conf.set_override('answer_cache_entries', answer_cache,
                          'placement_api')
    return direct.PlacementDirect(conf, microversion=microversion)


def in_process(db_url, query, microversion, count=10):
    """Median wall and CPU seconds of one request through PlacementDirect,
    each answer computed afresh (no answer cache).

    Less sensitive than the HTTP figures to other load on the machine.
    """
    from nova_like.db import engine

    client = direct_client(db_url, microversion, answer_cache=0)
    path = '/allocation_candidates?' + query
    client.get(path)    # fills the summary cache, as a warm server has
    walls, cpus = [], []
    for _ in range(count):
        wall, cpu = time.perf_counter(), time.thread_time()
        client.get(path)
        cpus.append(time.thread_time() - cpu)
        walls.append(time.perf_counter() - wall)
    engine.dispose_all()
    return statistics.median(walls), statistics.median(cpus)


def claims_in_process(db_url, hosts, count):
    """The scheduler's part of a boot, in process on a fresh database:
    count times GET /allocation_candidates for a small flavor on `hosts`
    providers and PUT the allocation of one candidate, then DELETE each.

    :returns: median CPU seconds of a GET, a PUT and a DELETE.
    """
    from nova_like.db import engine
    from nova_like.placement.db import migration

    migration.upgrade(db_url)
    client = direct_client(db_url, '1.39')
    for i in range(hosts):
        rp = str(uuid.uuid4())
        client.post('/resource_providers',
                    json={'uuid': rp, 'name': 'claims-host%d' % i})
        client.put('/resource_providers/%s/inventories' % rp, json={
            'resource_provider_generation': 0, 'inventories': {
                'VCPU': {'total': 64, 'allocation_ratio': 16.0},
                'MEMORY_MB': {'total': 262144},
                'DISK_GB': {'total': 10000}}})
    path = ('/allocation_candidates?resources=DISK_GB:1,MEMORY_MB:512,'
            'VCPU:1&limit=1000')
    owner = {'project_id': str(uuid.uuid4()), 'user_id': str(uuid.uuid4()),
             'consumer_generation': None, 'consumer_type': 'INSTANCE'}
    times = {'GET': [], 'PUT': [], 'DELETE': []}

    def timed(kind, call, *args, **kwargs):
        start = time.thread_time()
        response = call(*args, **kwargs)
        times[kind].append(time.thread_time() - start)
        if not response.ok:
            raise RuntimeError('%s: %s' % (kind, response.text))
        return response

    consumers = []
    for i in range(count):
        found = timed('GET', client.get, path).json()['allocation_requests']
        consumers.append(str(uuid.uuid4()))
        timed('PUT', client.put, '/allocations/' + consumers[-1],
              json=dict(owner, allocations=found[i % len(found)][
                  'allocations']))
    for consumer in consumers:
        timed('DELETE', client.delete, '/allocations/' + consumer)
    engine.dispose_all()
    return [statistics.median(times[k]) for k in ('GET', 'PUT', 'DELETE')]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url', help='Placement endpoint (not with --local)')
    parser.add_argument('--token', default='admin')
    parser.add_argument('--n', type=int, nargs='*', default=[1000, 10000],
                        help='flat cloud sizes (none: only --nested)')
    parser.add_argument('--requests', type=int, default=500)
    parser.add_argument('--concurrency', type=int, default=10)
    parser.add_argument('--nested', action='store_true',
                        help='also run 1,000 trees of 7 with same_subtree')
    parser.add_argument('--trees', type=int, default=1000)
    parser.add_argument('--limit', type=int,
                        help='add &limit=N to the queries')
    parser.add_argument('--microversion', default='1.39')
    parser.add_argument('--local', action='store_true',
                        help='start a nova-like-placement on a free port')
    parser.add_argument('--db-url', help='database for --local')
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--threads', type=int, default=8)
    parser.add_argument('--rest-load', action='store_true',
                        help='with --local, build the cloud over REST too')
    parser.add_argument('--answer-cache', type=int,
                        help='with --local, [placement_api] '
                             'answer_cache_entries (0: every answer '
                             'computed afresh)')
    parser.add_argument('--claims', type=int, metavar='HOSTS',
                        help='only time, in process, the scheduler\'s '
                             'candidates + claim on HOSTS providers '
                             '(--requests of each; --db-url a fresh '
                             'database, or a scratch SQLite file)')
    args = parser.parse_args()
    if args.claims:
        tmp = None
        if not args.db_url:
            tmp = tempfile.mkdtemp(prefix='bench-claims-')
        try:
            cpu = claims_in_process(
                args.db_url or 'sqlite:///%s/placement.sqlite' % tmp,
                args.claims, args.requests)
        finally:
            if tmp:
                shutil.rmtree(tmp)
        print('claims on %d providers, %d each: CPU per request (median) '
              'GET /allocation_candidates %.2f ms, PUT /allocations %.2f '
              'ms, DELETE /allocations %.2f ms' % (
                  args.claims, args.requests, *(c * 1000 for c in cpu)))
        return
    if bool(args.url) == bool(args.local):
        parser.error('give exactly one of --url and --local')
    extra = '&limit=%d' % args.limit if args.limit else ''
    scenarios = [('flat', n) for n in args.n]
    if args.nested:
        scenarios.append(('nested', args.trees))
    print('concurrency=%d requests=%d microversion=%s%s' % (
        args.concurrency, args.requests, args.microversion,
        ' limit=%d' % args.limit if args.limit else ''))
    for kind, count in scenarios:
        server = None
        try:
            if args.local:
                server = LocalServer(args.db_url, args.workers, args.threads,
                                     args.answer_cache)
                url = server.url
            else:
                url = args.url
            client = Client(url, args.token, args.microversion)
            start = time.perf_counter()
            if args.local and not args.rest_load:
                db_load(server.db_url, count if kind == 'flat' else 0,
                        count if kind == 'nested' else 0)
            else:
                prefix = 'bench-%s' % uuid.uuid4().hex[:6]
                with concurrent.futures.ThreadPoolExecutor(8) as pool:
                    if kind == 'flat':
                        rest_load_flat(client, count, prefix, pool)
                    else:
                        rest_load_nested(client, count, prefix, pool)
            load = time.perf_counter() - start
            query = (FLAT_QUERY if kind == 'flat' else NESTED_QUERY) + extra
            latencies, wall, found = measure(client, query, args.requests,
                                             args.concurrency)
            name = ('N=%d' % count if kind == 'flat'
                    else 'nested trees=%d (x7)' % count)
            report(name, latencies, wall, found)
            if args.local:
                one, cpu = in_process(server.db_url, query,
                                      args.microversion)
                print('    in-process: %.1f ms a request (%.1f ms CPU); '
                      'built in %.1f s' % (one * 1000, cpu * 1000, load),
                      flush=True)
            else:
                print('    (built in %.1f s)' % load, flush=True)
        finally:
            if server:
                server.stop()
                if args.db_url:
                    print('    note: --db-url is not emptied between '
                          'scenarios; use a fresh database per run')


if __name__ == '__main__':
    main()
