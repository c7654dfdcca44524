# SPDX-License-Identifier: Apache-2.0
"""Tempest against the lab, as a new user would run it against a Nova cloud.

    tools/tempest.sh [--neutron] [--regex RE] [--concurrency N]
                     [--no-run | --report-only]

Needs a lab started with `tools/lab.sh up --db postgresql --computes 2
--driver fake` (on SQLite Keystone's writes lock each other out under
Tempest's concurrency). Reads the lab's facts (credentials from lab/openrc, the
catalog, images, flavors, compute microversions and hosts, the scheduler's
filters, the network service's extensions), writes a Tempest workspace in
lab/tempest with its etc/tempest.conf, runs `tempest run --regex RE` there
and prints passed/failed/skipped. Failing test ids, grouped by the error
they ended in, go to lab/tempest-failures.txt; skipped ones, grouped by
reason, to lab/tempest-skips.txt. Tempest itself lives in .tempest-venv
(tools/tempest.sh installs it).
"""

import argparse
import collections
import configparser
import json
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAB = os.path.join(ROOT, 'lab')
WORKSPACE = os.path.join(LAB, 'tempest')
LAST_SUBUNIT = os.path.join(LAB, 'tempest-last.subunit')
TEMPEST_BIN = os.path.join(ROOT, '.tempest-venv', 'bin')
DEFAULT_REGEX = r'^tempest\.api\.compute'
ALT_IMAGE_SUFFIX = '-alt'
# subunit's statuses as Tempest's summary names them.
STATUSES = {'success': 'passed', 'fail': 'failed', 'skip': 'skipped',
            'xfail': 'passed', 'uxsuccess': 'failed'}

# Features of [compute-feature-enabled] that nova_like does not have: the
# API answers these actions or routes with "no such action" or 404, so
# Tempest is told not to try them (Nova's devstack leaves them on).
ABSENT_FEATURES = {
    'resize': 'no resize / confirmResize / revertResize action',
    'cold_migration': 'no migrate action, no os-migrations',
    'live_migration': 'no os-migrateLive action',
    'shelve': 'no shelve / shelveOffload / unshelve actions',
    'rescue': 'no rescue / unrescue actions',
    'snapshot': 'no createImage action',
    'change_password': 'no changePassword action',
    'vnc_console': 'no remote consoles (os-getVNCConsole, remote-consoles)',
    'spice_console': 'no remote consoles',
    'serial_console': 'no remote consoles',
    'personality': 'personality files are refused with 400',
    'metadata_service': 'no metadata API; guests get a config drive',
    'swap_volume': 'no volumes (no Block Storage)',
    'volume_multiattach': 'no volumes (no Block Storage)',
    'attach_encrypted_volume': 'no volumes (no Block Storage)',
}
# What nova_like has, said explicitly so the conf reads whole.
PRESENT_FEATURES = ('pause', 'suspend', 'console_output', 'config_drive',
                    'disk_config', 'interface_attach',
                    'enable_instance_password', 'hostname_fqdn_sanitization')


def _openrc(path):
    """The OS_* variables of an openrc file."""
    found = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith('export OS_'):
                name, _, value = line[len('export '):].partition('=')
                found[name] = shlex.split(value)[0] if value else ''
    return found


def _session(env):
    from keystoneauth1 import session
    from keystoneauth1.identity import v3
    auth = v3.Password(auth_url=env['OS_AUTH_URL'],
                       username=env['OS_USERNAME'],
                       password=env['OS_PASSWORD'],
                       project_name=env['OS_PROJECT_NAME'],
                       user_domain_name=env['OS_USER_DOMAIN_NAME'],
                       project_domain_name=env['OS_PROJECT_DOMAIN_NAME'])
    return session.Session(auth=auth)


def _get(sess, service, path, **kwargs):
    return sess.get(path, endpoint_filter={
        'service_type': service, 'interface': 'public',
        'region_name': 'RegionOne'}, **kwargs).json()


def _images(sess):
    """(image_ref, image_ref_alt): the lab's first two active images; when
    it has one, a copy of it named <name>-alt is uploaded first, so that
    rebuild-like tests see two different images as on a devstack cloud."""
    images = sorted(_get(sess, 'image', '/v2/images?status=active')['images'],
                    key=lambda i: i['created_at'])
    if not images:
        sys.exit('tempest: the lab has no active image; is it up?')
    if len(images) == 1:
        first = images[0]
        endpoint = {'service_type': 'image', 'interface': 'public'}
        data = sess.get('/v2/images/%s/file' % first['id'],
                        endpoint_filter=endpoint).content
        alt = sess.post('/v2/images', endpoint_filter=endpoint, json={
            'name': first['name'] + ALT_IMAGE_SUFFIX,
            'disk_format': first['disk_format'],
            'container_format': first['container_format'],
            'visibility': 'public'}).json()
        sess.put('/v2/images/%s/file' % alt['id'], endpoint_filter=endpoint,
                 data=data,
                 headers={'Content-Type': 'application/octet-stream'})
        print('tempest: uploaded %s as image_ref_alt' % alt['name'])
        images.append(alt)
    return images[0]['id'], images[1]['id']


def _flavors(sess):
    """(flavor_ref, flavor_ref_alt): the two smallest public flavors."""
    flavors = _get(sess, 'compute', '/flavors/detail')['flavors']
    flavors.sort(key=lambda f: (f['ram'], f['disk'], f['vcpus'], f['id']))
    if len(flavors) < 2:
        sys.exit('tempest: the lab needs two flavors, has %d' % len(flavors))
    return flavors[0]['id'], flavors[1]['id']


def _microversions(sess):
    version = _get(sess, 'compute', '/')['version']
    return version['min_version'], version['version']


def _compute_hosts(sess):
    services = _get(sess, 'compute', '/os-services')['services']
    return sum(1 for s in services
               if 'compute' in s['binary'] and s['state'] == 'up'
               and s['status'] == 'enabled')


def _scheduler_filters():
    """[filter_scheduler] enabled_filters of the lab's nova.conf, or
    nova_like's default: what the hints Tempest sends can rely on."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(os.path.join(LAB, 'nova.conf'))
    if parser.has_option('filter_scheduler', 'enabled_filters'):
        value = parser.get('filter_scheduler', 'enabled_filters')
        return [f.strip() for f in value.split(',') if f.strip()]
    sys.path.insert(0, ROOT)
    from nova_like.conf import scheduler
    return [o for o in scheduler.filter_opts
            if o.name == 'enabled_filters'][0].default


def _network_facts(sess):
    """The network service's shared network (servers boot on it), its
    external network and its extension aliases."""
    networks = _get(sess, 'network', '/v2.0/networks')['networks']
    shared = [n for n in networks if n.get('shared')]
    external = [n for n in networks if n.get('router:external')]
    if not shared:
        sys.exit('tempest: --neutron needs a shared network in the lab '
                 '(tools/lab.sh up makes "public")')
    aliases = [e['alias'] for e in
               _get(sess, 'network', '/v2.0/extensions')['extensions']]
    return shared[0], (external[0] if external else None), aliases


def facts(neutron):
    rc = os.path.join(LAB, 'openrc')
    if not os.path.exists(rc):
        sys.exit('tempest: no %s: start the lab first with `tools/lab.sh '
                 'up --db postgresql --computes 2 --driver fake`' % rc)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(os.path.join(LAB, 'nova.conf'))
    if parser.get('database', 'connection', fallback='').startswith(
            'sqlite'):
        print('tempest: warning: the lab runs on SQLite; under Tempest\'s '
              'concurrency Keystone answers 500 (database is locked): '
              'prefer `tools/lab.sh up --db postgresql` (or mysql)')
    env = _openrc(rc)
    sess = _session(env)
    found = {'env': env}
    found['image_ref'], found['image_ref_alt'] = _images(sess)
    found['flavor_ref'], found['flavor_ref_alt'] = _flavors(sess)
    found['min_microversion'], found['max_microversion'] = \
        _microversions(sess)
    found['computes'] = _compute_hosts(sess)
    found['filters'] = _scheduler_filters()
    found['network'] = _network_facts(sess) if neutron else None
    return found


def tempest_conf(found, neutron):
    """The text of tempest.conf for the lab."""
    env = found['env']
    conf = {}
    conf['DEFAULT'] = {'log_file': 'tempest.log'}
    conf['auth'] = {
        'use_dynamic_credentials': 'true',
        'admin_username': env['OS_USERNAME'],
        'admin_password': env['OS_PASSWORD'],
        'admin_project_name': env['OS_PROJECT_NAME'],
        'admin_domain_name': env['OS_USER_DOMAIN_NAME'],
        # Isolated networks need Networking's routers, which the lab's
        # network service does not serve; servers go on the shared network.
        'create_isolated_networks': 'false',
    }
    conf['identity'] = {'uri_v3': env['OS_AUTH_URL'], 'auth_version': 'v3',
                        'region': env['OS_REGION_NAME'],
                        'v3_endpoint_type': 'public'}
    conf['identity-feature-enabled'] = {'api_v2': 'false'}
    compute = {
        'image_ref': found['image_ref'],
        'image_ref_alt': found['image_ref_alt'],
        'flavor_ref': found['flavor_ref'],
        'flavor_ref_alt': found['flavor_ref_alt'],
        'min_compute_nodes': str(found['computes']),
        'min_microversion': found['min_microversion'],
        'max_microversion': found['max_microversion'],
        'region': env['OS_REGION_NAME'],
    }
    if neutron:
        compute['fixed_network_name'] = found['network'][0]['name']
    conf['compute'] = compute
    features = {name: 'false' for name in ABSENT_FEATURES}
    features.update({name: 'true' for name in PRESENT_FEATURES})
    features['scheduler_enabled_filters'] = ','.join(found['filters'])
    conf['compute-feature-enabled'] = features
    conf['image'] = {'region': env['OS_REGION_NAME']}
    conf['image-feature-enabled'] = {'api_v2': 'true'}
    conf['validation'] = {
        # Fake hypervisors have no guest to ping or log in to.
        'run_validation': 'false'}
    conf['service_available'] = {
        'nova': 'true', 'glance': 'true', 'neutron': str(neutron).lower(),
        'cinder': 'false', 'swift': 'false', 'horizon': 'false'}
    if neutron:
        shared, external, aliases = found['network']
        conf['network'] = {'region': env['OS_REGION_NAME']}
        if external is not None:
            conf['network']['public_network_id'] = external['id']
            conf['network']['floating_network_name'] = external['name']
        conf['network-feature-enabled'] = {
            'api_extensions': ','.join(aliases),
            # IPv4 only, no routers nor floating IPs (docs/network.md).
            'ipv6': 'false', 'floating_ips': 'false',
            'port_security': str('port-security' in aliases).lower()}
    lines = ["# Written by tools/tempest.py from the lab's facts on each run."]
    for section, options in conf.items():
        lines.append('[%s]' % section)
        for key, value in options.items():
            if section == 'compute-feature-enabled' and \
                    key in ABSENT_FEATURES:
                lines.append('# absent: %s' % ABSENT_FEATURES[key])
            lines.append('%s = %s' % (key, value))
        lines.append('')
    return '\n'.join(lines)


def workspace(text):
    """lab/tempest: a Tempest workspace with text as its tempest.conf."""
    if not os.path.exists(os.path.join(WORKSPACE, '.stestr.conf')):
        subprocess.run([os.path.join(TEMPEST_BIN, 'tempest'), 'init',
                        '--workspace-path',
                        os.path.join(LAB, 'tempest-workspaces.yaml'),
                        '--name', 'lab', WORKSPACE], check=True)
    with open(os.path.join(WORKSPACE, 'etc', 'tempest.conf'), 'w') as f:
        f.write(text)


def run(regex, concurrency):
    """tempest run in the workspace; its log in lab/tempest-run.log."""
    log_path = os.path.join(LAB, 'tempest-run.log')
    command = [os.path.join(TEMPEST_BIN, 'tempest'), 'run',
               '--config-file', os.path.join(WORKSPACE, 'etc', 'tempest.conf'),
               '--regex', regex, '--concurrency', str(concurrency)]
    print('tempest: %s (log: %s)' % (' '.join(command), log_path))
    started = time.monotonic()
    with open(log_path, 'w') as log:
        subprocess.run(command, cwd=WORKSPACE, stdout=log,
                       stderr=subprocess.STDOUT)
    return time.monotonic() - started


def save_results():
    """The last run's subunit stream, kept as lab/tempest-last.subunit."""
    stream = subprocess.run([os.path.join(TEMPEST_BIN, 'stestr'), 'last',
                             '--subunit'], cwd=WORKSPACE,
                            capture_output=True, check=True).stdout
    with open(LAST_SUBUNIT, 'wb') as f:
        f.write(stream)


def results():
    """{test id: (status, message)} of lab/tempest-last.subunit; a
    failure's message ends with the last request that failed."""
    with open(LAST_SUBUNIT, 'rb') as f:
        stream = f.read()
    # subunit's parser is in Tempest's venv, not in nova_like's.
    lines = subprocess.run(
        [os.path.join(TEMPEST_BIN, 'python'),
         os.path.join(ROOT, 'tools', 'tempest_results.py')],
        input=stream, capture_output=True, check=True).stdout
    found = {}
    for line in lines.decode().splitlines():
        test = json.loads(line)
        status = STATUSES.get(test['status'], test['status'])
        message = test['reason']
        code = re.search(r"^Details: \{'code': (\d+)", message, re.M)
        failed = [request for request in
                  _FAILED_REQUEST.findall(test['log'])
                  if code and request[0] == code.group(1)]
        if status == 'failed' and failed:
            code, method, path = failed[-1]
            # The query's names say what was asked; its values vary.
            path = re.sub(r'=[^&]*', '=', path)
            message += '\nRequest: %s %s %s' % (code, method, path)
        found[test['id']] = (status, message)
    return found


# rest_client's log line of a request that got a 4xx or 5xx.
_FAILED_REQUEST = re.compile(
    r'Request \([^)]*\): ([45]\d\d) ([A-Z]+) https?://[^/\s]+(\S*)')
_VARIABLE = re.compile(
    r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
    r'|req-[0-9a-f-]+|\b[0-9a-f]{32}\b|tempest-[\w-]+?-\d+'
    r'|(?<=/)\d+(?=/|$|\?)')


def cause(message):
    """What a failure ended in: the last request that failed (if any),
    the traceback's last exception line and the Details line after it,
    ids blanked so that alike failures group."""
    lines = [line for line in message.splitlines() if line.strip()]
    found, request = '', ''
    for index, line in enumerate(lines):
        if line.startswith('Request: '):
            request = line[len('Request: '):] + ' -> '
        elif re.match(r'^[\w.]*(Error|Exception|Failure|Found|Request|'
                      r'Conflict|Forbidden|Unauthorized|Timeout|'
                      r'NotImplemented|ServerFault|InvalidHTTPResponseBody)'
                      r'\w*:', line) or \
                re.match(r'^[\w.]+(Error|Exception)$', line):
            found = line
            following = lines[index + 1] if index + 1 < len(lines) else ''
            if following.startswith('Details:'):
                found += ' ' + following
    found = found or (lines[-1] if lines else '(no message)')
    return _VARIABLE.sub('<id>', request + found)[:400]


def _grouped(items):
    groups = collections.defaultdict(list)
    for test_id, text in items:
        groups[text].append(test_id)
    return sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))


def report(found, header, wall):
    counts = collections.Counter(status for status, _ in found.values())
    summary = ('tempest: %d passed, %d failed, %d skipped in %.0f s'
               % (counts['passed'], counts['failed'], counts['skipped'],
                  wall))
    for name, status, describe in (
            ('tempest-failures.txt', 'failed', cause),
            ('tempest-skips.txt', 'skipped',
             lambda text: _VARIABLE.sub('<id>', text.strip())[:300])):
        items = [(test_id, describe(message))
                 for test_id, (got, message) in sorted(found.items())
                 if got == status]
        with open(os.path.join(LAB, name), 'w') as f:
            f.write('# %s\n# %s\n' % (header, summary))
            for text, ids in _grouped(items):
                f.write('\n## %d: %s\n' % (len(ids), text))
                f.writelines(test_id + '\n' for test_id in ids)
    print('%s\n%d passed, %d failed, %d skipped' % (
        summary, counts['passed'], counts['failed'], counts['skipped']))
    print('tempest: failures by cause in %s/tempest-failures.txt, skips '
          'by reason in %s/tempest-skips.txt' % (LAB, LAB))
    return counts['failed']


def main():
    parser = argparse.ArgumentParser(prog='tools/tempest.sh')
    parser.add_argument('--neutron', action='store_true',
                        help='tell Tempest the network service is there '
                             '([service_available] neutron = true)')
    parser.add_argument('--regex', default=DEFAULT_REGEX,
                        help='tests to run (default %(default)s)')
    parser.add_argument('--concurrency', type=int, default=2)
    parser.add_argument('--no-run', action='store_true',
                        help='write lab/tempest/etc/tempest.conf only')
    parser.add_argument('--report-only', action='store_true',
                        help='summarise the last run again, run nothing')
    args = parser.parse_args()
    last_run = os.path.join(LAB, 'tempest-last-run.json')
    if not args.report_only:
        found = facts(args.neutron)
        workspace(tempest_conf(found, args.neutron))
        print('tempest: wrote %s/etc/tempest.conf' % WORKSPACE)
        if args.no_run:
            return 0
        wall = run(args.regex, args.concurrency)
        header = ('tempest run --regex %r --concurrency %d, neutron=%s, %s'
                  % (args.regex, args.concurrency,
                     str(args.neutron).lower(),
                     time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())))
        with open(last_run, 'w') as f:
            json.dump({'header': header, 'wall': wall}, f)
        save_results()
    if not os.path.exists(last_run) or not os.path.exists(LAST_SUBUNIT):
        sys.exit('tempest: no run of tools/tempest.sh in %s yet' % LAB)
    with open(last_run) as f:
        last = json.load(f)
    return 1 if report(results(), last['header'], last['wall']) else 0


if __name__ == '__main__':
    sys.exit(main())
