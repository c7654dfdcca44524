# SPDX-License-Identifier: Apache-2.0
"""Hostile-input fuzzer of the four REST APIs: every route, seeded, bounded.

    tools/fuzz_apis.py [--seed N] [--count N] [--minutes M]
                       [--api compute,placement,network,volume]
                       [--compute-url URL] ... [--token T] [--destructive]

Reads each API's route table, fills path parameters with the ids of
resources the API lists (and with junk), and sends wrong JSON types for
every field its schemas name, huge/negative/float/null values, over-long
and odd Unicode strings, NUL and lone surrogates, bad encodings and
content types, bad microversions, malformed query strings and ids with
suffixes. A request fails the run when the answer is a 5xx, an error body
not in the API's JSON error shape, a non-JSON body where JSON is due, or
no answer at all (the daemon died). Every failure is printed with what
reproduces it. Against a lab (tools/lab.sh up) the token is --token, or
one from Keystone for lab/openrc's admin, or 'admin' (noauth2). Without
--destructive no DELETE is sent. tests/functional/test_fuzz_apis.py runs
the same requests against the apps in-process.
"""

import argparse
import copy
import importlib
import json
import os
import pkgutil
import random
import re
import sys
import time
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # run as a script: make nova_like importable
    sys.path.insert(0, ROOT)

DEFAULT_URLS = {'compute': 'http://127.0.0.1:8774',
                'placement': 'http://127.0.0.1:8778',
                'network': 'http://127.0.0.1:9696',
                'volume': 'http://127.0.0.1:8776'}
VERSION_HEADER = {'compute': 'compute', 'placement': 'placement',
                  'network': None, 'volume': 'volume'}
GOOD_VERSION = {'compute': '2.100', 'placement': 'latest',
                'volume': '3.0'}

# Values of the wrong type or out of any range.
HOSTILE_VALUES = [
    None, True, False, 0, -1, 1.5, -0.0, 2 ** 31, 2 ** 40, -2 ** 31 - 1,
    2 ** 63 - 1, 2 ** 63, -2 ** 63,
    10 ** 30, 1e308, '', ' ', '0', '-1', '1e400', 'true', 'maybe',
    [], {}, [None], [[]], {'x': {}}, ['x'] * 50,
    'x' * 256, 'x' * 70000, 'é' * 300,
]
# Text no API refuses outright: it must be stored or a clean 4xx.
ODD_TEXT = [
    '\U0001f525\U0001f40d', '\u202eevil\u202c', 'e\u0301\u0301\u0301',
    '\u200b', '\ufeffbom', 'a\tb', 'line\nbreak', '../../etc/passwd',
    "'; DROP TABLE x; --", '%s%n', '${jndi:x}', '\u0130\u0131', '\uffff',
    '\U0010ffff', 'null', '[]', ' leading', 'trailing ',
]
# Text every API refuses at the edge (a 400 in its own shape).
REFUSED_TEXT = ['nul\x00inside', '\x00', 'x\udc00y', '\ud800']

ID_SUFFIXES = ['%0a', '%00', '%0d%0a', '/', '%2F', '/..', '/../..', '%20',
               ' ', '.json', '%ff', '%ED%A0%80', '%E2%80%AE', '~', ';x=1',
               '%25', '%2e%2e', '*', '\\']
JUNK_IDS = ['0', '-1', '99999999999999999999', '2147483648', '%C2%B2',
            '%D9%A1%D9%A2', 'x' * 300, 'None', 'null',
            '%F0%9F%94%A5', '%00', '..', '.', '%2e%2e', '%20', '%09',
            '00000000-0000-0000-0000-000000000000', str(uuid.UUID(int=1)),
            '%ED%A0%80', '%ff%fe', "'", '%22', '{id}']
CONTENT_TYPES = ['application/xml', 'text/html', 'multipart/form-data',
                 'application/x-www-form-urlencoded', '*/*', 'text/plain',
                 'application/json; charset=latin-1', 'application/json;',
                 'application/vnd.openstack.compute+json', 'image/png',
                 'application/json-patch+json', '', 'garbage']
RAW_BODIES = [
    b'', b'null', b'[]', b'"str"', b'1', b'{', b'{"a":', b'{}}', b'\xff\xfe',
    b'{"x": "\xed\xa0\x80"}', '{"x": 1}'.encode('utf-16'),
    b'\xef\xbb\xbf{}', b'{"a": NaN}', b'{"a": Infinity}', b'{"a": -Infinity}',
    b'[' * 10000 + b']' * 10000, b'{"a":' * 40 + b'1' + b'}' * 40,
    b'{"x": "' + b'y' * 120000 + b'"}', b'{"a": 1, "a": 2}',
    b'{"a": 1e999}', b'{"a": 123456789012345678901234567890}',
]
# (name, value): None drops the header.
ODD_HEADERS = [
    ('X-Auth-Token', None), ('X-Auth-Token', ''), ('X-Auth-Token', 'a:b:c'),
    ('X-Auth-Token', ':'), ('X-Auth-Token', 'x' * 5000),
    ('X-Auth-Token', 'caf\u00e9:proj'), ('Accept', 'application/xml'),
    ('Accept', 'text/html'), ('Accept', '*/*;q=0'), ('Accept', ''),
    ('Accept', 'application/json;q=abc'), ('Accept-Language', 'xx-\u00e9'),
    ('X-Openstack-Request-Id', 'req-' + 'x' * 300),
    ('X-Openstack-Request-Id', '\u00e9'), ('Accept-Encoding', 'gzip'),
    ('X-Forwarded-For', 'not-an-address'), ('X-Roles', 'admin'),
    ('X-Project-Id', 'other'), ('If-None-Match', '*'),
]
QUERY_NAMES = ['limit', 'marker', 'sort_key', 'sort_dir', 'name',
               'all_tenants',
               'changes-since', 'changes-before', 'fields', 'status', 'id',
               'offset', 'page_reverse', 'detailed', 'is_public', 'start',
               'end', 'member_of', 'resources', 'required', 'in_tree',
               'project_id', 'user_id', 'hostname', 'zzz_unknown']
QUERY_VALUES = ['', '-1', '0', '1', '1e9', '99999999999999999999', 'abc',
                'maybe', 'true', '%ff', '%ED%A0%80', '%00', '%0a', '+',
                '%2C%2C', 'in:', '!', 'x' * 5000, '%F0%9F%94%A5', '[]',
                '2026-13-45T99:99:99Z', 'None', '\\', "'", '%C2%B2',
                '%D9%A1%D9%A2', '1.5', '0x10', '2147483648',
                '9223372036854775808']
MICROVERSIONS = ['{s} 99.0', '{s} 2.1000', '{s} 1.999', '{s} 3.999',
                 '{s} foo', '{s}', '{s} latest', '{s} 1.0', '{s} 2.0',
                 '{s} 3.x', '{s} -1.1', '{s} 2.01', 'other 2.5', '',
                 '{s} 2.1, {s} 2.5', '{s} \u00e9', '{s} 1.' + '9' * 40]


# -- route tables and schemas --------------------------------------------

def route_table(api):
    """{path: {method: handler(s)}} of one API, read from its code."""
    if api == 'compute':
        from nova_like.api import router
        return router.ROUTES
    module = importlib.import_module('nova_like.%s.handler' % api)
    return module.ROUTE_DECLARATIONS


def _handlers(target):
    if isinstance(target, tuple):
        return [h for h in target if callable(h)]
    return [target]


def _collect(value, found, depth=0):
    if depth > 3:
        return
    if isinstance(value, dict):
        if isinstance(value.get('properties'), dict):
            found.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, found, depth + 1)


def _schemas_of(module_name):
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return []
    found = []
    for name, value in vars(module).items():
        if not name.startswith('__'):
            _collect(value, found)
    for name, value in vars(module).items():
        # Schemas built by a function of the version (placement, compute).
        if callable(value) and name in ('query_schema', 'fixed_params'):
            for version in ((1, 0), (1, 39)):
                try:
                    _collect(value(version), found)
                except Exception:
                    pass  # a schema of another version: best effort
    return found


_NETWORK_MODULES = {
    'networks': ('network', 'nova_like.network.objects.network',
                 'ATTRIBUTES'),
    'subnets': ('subnet', 'nova_like.network.objects.subnet', 'ATTRIBUTES'),
    'ports': ('port', 'nova_like.network.objects.port', 'ATTRIBUTES'),
    'security_groups': ('security_group',
                        'nova_like.network.objects.security_group',
                        'GROUP_ATTRIBUTES'),
    'security_group_rules': ('security_group_rule',
                             'nova_like.network.objects.security_group',
                             'RULE_ATTRIBUTES'),
    'quotas': ('quota', None, ('network', 'subnet', 'port',
                               'security_group', 'security_group_rule')),
}
_VOLUME_PREFIXES = {
    'volumes': ('VOLUME_',), 'snapshots': ('SNAPSHOT_',),
    'types': ('TYPE_',), 'extra_specs': ('EXTRA_SPEC',),
    'volume_metadata': ('METADATA_BODY', 'META_ITEM'),
    'volume_actions': ('EXTEND', 'RESET_STATUS', 'SET_BOOTABLE',
                       'UPDATE_READONLY'),
    'quotas': ('QUOTA_',),
}


def body_schemas(api, handler):
    """JSON schemas of the bodies handler may take (from the API's schema
    modules; built from the attribute lists for the network API)."""
    short = handler.__module__.rsplit('.', 1)[-1]
    if api == 'compute':
        return _schemas_of('nova_like.api.schemas.' + short)
    if api == 'placement':
        return _schemas_of('nova_like.placement.schemas.' + short)
    if api == 'volume':
        from nova_like.volume import schemas
        return [value for name, value in vars(schemas).items()
                if name.startswith(_VOLUME_PREFIXES.get(short, ('-',)))
                and isinstance(value, dict) and 'properties' in value]
    resource, module_name, attributes = _NETWORK_MODULES.get(
        short, (None, None, None))
    if resource is None:
        return []
    if module_name:
        attributes = getattr(importlib.import_module(module_name),
                             attributes)
    return [{'type': 'object', 'required': [resource], 'properties': {
        resource: {'type': 'object', 'properties': {
            name: {'type': 'string'} for name in attributes}}}}]


def query_names(api):
    """Query parameter names the API's query schemas know, and common ones."""
    names = set(QUERY_NAMES)
    packages = {'compute': 'nova_like.api.schemas',
                'placement': 'nova_like.placement.schemas'}
    if api in packages:
        package = importlib.import_module(packages[api])
        for info in pkgutil.iter_modules(package.__path__):
            for schema in _schemas_of(packages[api] + '.' + info.name):
                names.update(k for k in schema['properties']
                             if isinstance(k, str))
    return sorted(names)


# -- documents -----------------------------------------------------------

def sample(schema, rng, ids, depth=0):
    """A plausible document for schema (valid as far as cheaply known)."""
    if not isinstance(schema, dict) or depth > 8:
        return 'x'
    if 'enum' in schema and schema['enum']:
        return rng.choice(schema['enum'])
    if 'const' in schema:
        return schema['const']
    for key in ('anyOf', 'oneOf'):
        if schema.get(key):
            return sample(rng.choice(schema[key]), rng, ids, depth + 1)
    if schema.get('allOf'):
        return sample(schema['allOf'][0], rng, ids, depth + 1)
    kind = schema.get('type', 'object' if 'properties' in schema else
                      'string')
    if isinstance(kind, list):
        kind = rng.choice(kind)
    if kind == 'object':
        doc = {}
        required = set(schema.get('required', ()))
        for name, sub in (schema.get('properties') or {}).items():
            if name in required or rng.random() < 0.5:
                doc[name] = sample(sub, rng, ids, depth + 1)
        for sub in (schema.get('patternProperties') or {}).values():
            doc['key%d' % rng.randint(0, 9)] = sample(sub, rng, ids,
                                                      depth + 1)
        return doc
    if kind == 'array':
        return [sample(schema.get('items', {}), rng, ids, depth + 1)
                for _ in range(rng.randint(0, 2))]
    if kind == 'integer':
        return max(schema.get('minimum', 1), 1) \
            if 'maximum' not in schema else schema['maximum']
    if kind == 'number':
        return 1.0
    if kind == 'boolean':
        return rng.choice([True, False])
    if kind == 'null':
        return None
    if schema.get('format') == 'uuid' or 'uuid' in str(schema.get(
            'pattern', '')).lower() or str(schema.get('pattern', '')).count(
            '{8}'):
        return rng.choice(ids.get('any_uuid') or [str(uuid.uuid4())])
    if schema.get('format') in ('date-time',):
        return '2026-01-01T00:00:00Z'
    if schema.get('pattern', '').startswith('^CUSTOM_'):
        return 'CUSTOM_FUZZ_%d' % rng.randint(0, 99)
    if schema.get('pattern') == '^[A-Z0-9_]+$':
        return rng.choice(['VCPU', 'MEMORY_MB', 'CUSTOM_FUZZ'])
    return rng.choice(['fuzz', 'fuzz-%d' % rng.randint(0, 999)] + ODD_TEXT)


def _paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from _paths(value, prefix + (index,))


def _set(doc, path, value):
    if not path:
        return value
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


def mutate(doc, rng):
    """doc with one field (or the whole) made hostile."""
    choice = rng.random()
    if choice < 0.1 and isinstance(doc, dict) and doc:
        key = rng.choice(list(doc))
        inner = doc[key]
        if isinstance(inner, dict):
            inner[rng.choice(['zzz', 'id', '\U0001f525', 'x' * 300])] = \
                copy.deepcopy(rng.choice(HOSTILE_VALUES))
        return doc
    path = rng.choice(list(_paths(doc))[1:] or [()])
    pool = rng.random()
    if pool < 0.55:
        value = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    elif pool < 0.85:
        value = rng.choice(ODD_TEXT)
    else:
        value = rng.choice(REFUSED_TEXT)
    if path and rng.random() < 0.1 and isinstance(path[-1], str):
        # The key itself hostile.
        parent = _set(doc, (), doc)
        for step in path[:-1]:
            parent = parent[step]
        parent[rng.choice(ODD_TEXT + REFUSED_TEXT)] = parent.pop(path[-1])
        return doc
    return _set(doc, path, value)


# -- requests ------------------------------------------------------------

class Request:
    """What is sent: the path and query as on the wire (percent-encoded)."""

    def __init__(self, api, method, path, query='', headers=None,
                 body=None, kind='', route=None):
        self.api = api
        self.route = route
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers or {}
        self.body = body
        self.kind = kind

    def reproducer(self):
        lines = ['%s %s%s  [%s]' % (self.method, self.path,
                                    '?' + self.query if self.query else '',
                                    self.kind)]
        lines += ['  %s: %s' % item for item in sorted(self.headers.items())]
        if self.body is not None:
            shown = self.body if len(self.body) <= 300 else \
                self.body[:300] + b'... (%d bytes)' % len(self.body)
            lines.append('  body: %r' % shown)
        return '\n'.join(lines)


def _fill(template, values):
    return re.sub(r'\{(\w+)\}', lambda m: values[m.group(1)], template)


def _param_values(api, route, rng, ids):
    values = {}
    for name in re.findall(r'\{(\w+)\}', route):
        known = ids.get(name) or []
        values[name] = rng.choice(known) if known else 'fuzz-%s' % name
    return values


def _base_headers(api, token):
    headers = {'Accept': 'application/json'}
    if token:
        headers['X-Auth-Token'] = token
    service = VERSION_HEADER[api]
    if service:
        headers['OpenStack-API-Version'] = '%s %s' % (service,
                                                      GOOD_VERSION[api])
    return headers


def generate(api, rng, ids, token, destructive=True):
    """One hostile request for api, chosen with rng; ids maps a path
    parameter name to ids of resources that exist."""
    routes = route_table(api)
    route = rng.choice(sorted(routes))
    methods = routes[route]
    method = rng.choice(sorted(methods) + ['PATCH', 'HEAD', 'OPTIONS'])
    if method == 'DELETE' and not destructive:
        method = 'GET'
    values = _param_values(api, route, rng, ids)
    headers = _base_headers(api, token)
    query = ''
    body = None
    kind = rng.choice(['body', 'body', 'body', 'raw-body', 'content-type',
                       'microversion', 'query', 'query', 'path-id',
                       'path-id', 'plain', 'headers'])
    if kind == 'headers':
        name, value = rng.choice(ODD_HEADERS)
        if value is None:
            headers.pop(name, None)
        else:
            headers[name] = value
    handler = None
    if method in methods:
        handler = _handlers(methods[method])[-1]
    if kind == 'path-id' and values:
        name = rng.choice(sorted(values))
        if rng.random() < 0.6:
            suffix = rng.choice(ID_SUFFIXES)
            if method == 'DELETE' and suffix in ('/', '.json', '%20', ' '):
                suffix = '%00'
            values[name] = values[name] + suffix
        else:
            values[name] = rng.choice(JUNK_IDS)
    elif kind == 'query' or rng.random() < 0.15:
        names = query_names(api)
        pairs = []
        for _ in range(rng.randint(1, 4)):
            name = rng.choice(names)
            pairs.append('%s=%s' % (name, rng.choice(QUERY_VALUES)))
            if rng.random() < 0.3:
                pairs.append(pairs[-1])  # repeated
        if rng.random() < 0.2:
            pairs.append(rng.choice(['&&', '=x', 'x', '%', 'a=%', '%zz=1',
                                     ';', 'a[b]=1']))
        query = '&'.join(pairs)
    elif kind == 'microversion' and VERSION_HEADER[api]:
        value = rng.choice(MICROVERSIONS).format(s=VERSION_HEADER[api])
        if value:
            headers['OpenStack-API-Version'] = value
        else:
            headers.pop('OpenStack-API-Version')
        if api == 'compute' and rng.random() < 0.3:
            headers['X-OpenStack-Nova-API-Version'] = rng.choice(
                ['2.1000', 'x', '2.1'])
    path = _fill(route, values)
    if method in ('POST', 'PUT', 'PATCH') or kind in ('raw-body',
                                                       'content-type'):
        if kind == 'raw-body':
            body = rng.choice(RAW_BODIES)
        else:
            schemas = body_schemas(api, handler) if handler else []
            doc = sample(rng.choice(schemas), rng, ids) if schemas else {
                'fuzz': 1}
            if kind == 'body' or rng.random() < 0.5:
                for _ in range(rng.randint(1, 2)):
                    doc = mutate(doc, rng)
            body = json.dumps(doc).encode()
        headers['Content-Type'] = 'application/json'
        if kind == 'content-type':
            value = rng.choice(CONTENT_TYPES)
            if value:
                headers['Content-Type'] = value
            else:
                headers.pop('Content-Type')
    return Request(api, method, path, query, headers, body, kind, route)


# -- answers -------------------------------------------------------------

def _nova_shape(doc, status):
    if not isinstance(doc, dict) or len(doc) != 1:
        return 'not {"<name>": {...}}'
    (inner,) = doc.values()
    if not isinstance(inner, dict) or not isinstance(
            inner.get('message'), str) or inner.get('code') != status:
        return 'no message, or code != %d' % status
    return None


def _placement_shape(doc, status):
    errors = doc.get('errors') if isinstance(doc, dict) else None
    if not errors or not isinstance(errors, list):
        return 'not {"errors": [...]}'
    for error in errors:
        if not isinstance(error, dict) or error.get('status') != status or \
                not isinstance(error.get('detail'), str):
            return 'an error without status %d and detail' % status
    return None


def _neutron_shape(doc, status):
    inner = doc.get('NeutronError') if isinstance(doc, dict) else None
    if not isinstance(inner, dict) or not isinstance(
            inner.get('message'), str) or 'type' not in inner:
        return 'not {"NeutronError": {"type", "message", ...}}'
    return None


SHAPES = {'compute': _nova_shape, 'placement': _placement_shape,
          'network': _neutron_shape, 'volume': _nova_shape}


# Writes that take no body and ignore one, as in Nova and Placement.
BODILESS = {('compute', 'PUT', '/v2.1/servers/{server_id}/tags/{tag}'),
            ('placement', 'PUT', '/traits/{name}'),
            ('placement', 'PUT', '/resource_classes/{name}')}
_REFUSED_IN_PATH = re.compile(r'%(0[0-9a-f]|1[0-9a-f]|7f)', re.I)
_REFUSED_CHARS = re.compile('[\x00\ud800-\udfff]')


def _holds_refused_text(body):
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, str) and _REFUSED_CHARS.search(value):
            return True
        if isinstance(value, dict):
            stack.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def must_be_refused(request):
    """Why the edge must answer request with a 400 (a control character in
    the path, NUL in the query), or None."""
    if _REFUSED_IN_PATH.search(request.path):
        return 'a control character in the path'
    if '%00' in request.query:
        return 'NUL in the query string'
    return None


GUNICORN_LIMITS = (414, 431)


def _keystonemiddleware_401(doc):
    error = doc.get('error') if isinstance(doc, dict) else None
    return isinstance(error, dict) and error.get('code') == 401


def check(request, status, headers, body):
    """Why this answer fails the run, or None."""
    if status is None:
        return 'no answer (the daemon died or hung up): %s' % body
    if status >= 500:
        return '%d: %s' % (status, body[:300])
    if status in GUNICORN_LIMITS:
        # gunicorn's own answer to a request line or headers over its
        # limits (docs/compute-api.md), before any application.
        return None
    refused = must_be_refused(request)
    # Authentication may come first (a 401), as keystonemiddleware does.
    if refused and status not in (400, 401):
        return '%d, not 400, for %s' % (status, refused)
    # A body of GET or DELETE is ignored, as in Nova: only writes count.
    if status < 400 and request.method in ('POST', 'PUT', 'PATCH') and \
            (request.api, request.method, request.route) not in BODILESS \
            and request.body and _holds_refused_text(request.body):
        return '%d for a body with NUL or a lone surrogate' % status
    if request.method == 'HEAD' or status in (204, 304) or (
            not body and status < 400):
        return None
    content_type = (headers.get('Content-Type') or '').split(';')[0]
    try:
        doc = json.loads(body)
    except ValueError:
        return '%d with a body that is not JSON (%s): %r' % (
            status, content_type, body[:200])
    if content_type != 'application/json':
        return '%d with Content-Type %r' % (status, content_type)
    if status == 401 and _keystonemiddleware_401(doc):
        return None     # auth_token's own answer, as in front of OpenStack's
    if status >= 400:
        wrong = SHAPES[request.api](doc, status)
        if wrong:
            return '%d error body %s: %r' % (status, wrong, body[:200])
    return None


# -- sending -------------------------------------------------------------

def wsgi_sender(app):
    """Send a Request to a WSGI app as gunicorn would hand it over."""
    import webob

    def send(request):
        req = webob.Request.blank('/', method=request.method)
        raw_path = urllib.parse.unquote_to_bytes(request.path)
        req.environ['PATH_INFO'] = raw_path.decode('latin-1')
        req.environ['QUERY_STRING'] = request.query
        req.environ['RAW_URI'] = request.path
        for key, value in request.headers.items():
            req.headers[key] = value
        if request.body is not None:
            req.body = request.body
        if 'Content-Type' not in request.headers:
            req.environ.pop('CONTENT_TYPE', None)
        response = req.get_response(app)
        return response.status_int, dict(response.headers), response.body
    return send


def http_sender(base_url, timeout=30):
    """Send a Request over HTTP to base_url (a running daemon)."""
    import http.client
    parsed = urllib.parse.urlsplit(base_url)

    def send(request):
        path = urllib.parse.quote(request.path, safe="/%;=~*'{}\\:@!$&+,")
        target = path + ('?' + request.query if request.query else '')
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port,
                                          timeout=timeout)
        try:
            conn.putrequest(request.method, target, skip_accept_encoding=True)
            for key, value in request.headers.items():
                conn.putheader(key, value.encode('utf-8'))
            conn.putheader('Content-Length', str(len(request.body or b'')))
            conn.endheaders(request.body)
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), \
                response.read()
        except (OSError, http.client.HTTPException) as exc:
            return None, {}, repr(exc)
        finally:
            conn.close()
    return send


# -- ids of what exists ---------------------------------------------------

_LISTS = {
    'compute': [('server_id', '/v2.1/servers', 'servers', 'id'),
                ('flavor_id', '/v2.1/flavors', 'flavors', 'id'),
                ('keypair_name', '/v2.1/os-keypairs', 'keypairs',
                 'keypair.name'),
                ('aggregate_id', '/v2.1/os-aggregates', 'aggregates', 'id'),
                ('server_group_id', '/v2.1/os-server-groups',
                 'server_groups', 'id'),
                ('service_id', '/v2.1/os-services', 'services', 'id'),
                ('hypervisor_id', '/v2.1/os-hypervisors', 'hypervisors',
                 'id')],
    'placement': [('uuid', '/resource_providers', 'resource_providers',
                   'uuid'),
                  ('name', '/traits', 'traits', None),
                  ('name', '/resource_classes', 'resource_classes',
                   'name')],
    'network': [('id', '/v2.0/networks', 'networks', 'id'),
                ('id', '/v2.0/subnets', 'subnets', 'id'),
                ('id', '/v2.0/ports', 'ports', 'id'),
                ('id', '/v2.0/security-groups', 'security_groups', 'id')],
    'volume': [('volume_id', '/v3/{project_id}/volumes', 'volumes', 'id'),
               ('snapshot_id', '/v3/{project_id}/snapshots', 'snapshots',
                'id'),
               ('type_id', '/v3/{project_id}/types', 'volume_types',
                'id')],
}
_FIXED = {
    'compute': {'key': ['fuzz', 'k1'], 'tag': ['fuzz-tag'],
                'network_label': ['private', 'public'],
                'pattern': ['fuzzhost'], 'request_id': ['req-fuzz']},
    'placement': {'resource_class': ['VCPU', 'MEMORY_MB', 'CUSTOM_FUZZ']},
    'network': {'alias': ['security-group', 'quotas']},
    'volume': {'key': ['k1', 'fuzz']},
}


def _dig(item, field):
    if field is None:
        return item
    for step in field.split('.'):
        item = item.get(step) if isinstance(item, dict) else None
    return item


def discover_ids(api, send, token, project_id):
    """{path parameter: [ids]} from what the API lists for this token."""
    ids = {name: list(values) for name, values in _FIXED[api].items()}
    for name in ('tenant_id', 'project_id', 'target_project_id'):
        ids[name] = [project_id]
    for name, path, key, field in _LISTS[api]:
        request = Request(api, 'GET', path.format(project_id=project_id),
                          headers=_base_headers(api, token))
        status, _headers, body = send(request)
        if status != 200:
            continue
        for item in json.loads(body).get(key, [])[:5]:
            value = _dig(item, field)
            if value is not None:
                ids.setdefault(name, []).append(str(value))
    ids['any_uuid'] = [v for values in ids.values() for v in values
                       if re.match(r'^[0-9a-f-]{36}$', v)]
    return ids


# -- a run ---------------------------------------------------------------

def _tokens(token):
    return [token] if isinstance(token, str) else list(token)


def run(targets, seed, count=None, minutes=None, destructive=True,
        out=None):
    """Send hostile requests round-robin to targets, {api: (send, token or
    [tokens], project_id of the first token)}, until count requests or
    minutes pass (each request with one of the tokens).

    :returns: (requests sent, {status class: n}, [(Request, why)])
    """
    rng = random.Random(seed)
    ids = {api: discover_ids(api, send, _tokens(token)[0], project)
           for api, (send, token, project) in targets.items()}
    apis = sorted(targets)
    deadline = time.monotonic() + minutes * 60 if minutes else None
    classes = {}
    failures = []
    sent = 0
    while (count is None or sent < count) and (
            deadline is None or time.monotonic() < deadline):
        api = apis[sent % len(apis)]
        send, token, _project = targets[api]
        request = generate(api, rng, ids[api], rng.choice(_tokens(token)),
                           destructive)
        status, headers, body = send(request)
        sent += 1
        name = '%sxx' % (status // 100) if status else 'none'
        classes[api + ' ' + name] = classes.get(api + ' ' + name, 0) + 1
        why = check(request, status, headers, body)
        if why:
            failures.append((request, why))
            if out:
                print('FAIL %s: %s\n%s\n' % (api, why, request.reproducer()),
                      file=out, flush=True)
    return sent, classes, failures


def _keystone_token():
    """A token for lab/openrc's user, from its Keystone; None without."""
    openrc = os.path.join(ROOT, 'lab', 'openrc')
    if not os.path.exists(openrc):
        return None, None
    env = {}
    with open(openrc) as f:
        for line in f:
            match = re.match(r"\s*export\s+(OS_\w+)=['\"]?([^'\"\n]*)", line)
            if match:
                env[match.group(1)] = match.group(2)
    if 'OS_AUTH_URL' not in env:
        return None, None
    import requests
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': env['OS_USERNAME'], 'password': env['OS_PASSWORD'],
                 'domain': {'name': env.get('OS_USER_DOMAIN_NAME',
                                            'Default')}}}},
        'scope': {'project': {'name': env['OS_PROJECT_NAME'], 'domain': {
            'name': env.get('OS_PROJECT_DOMAIN_NAME', 'Default')}}}}}
    answer = requests.post(env['OS_AUTH_URL'].rstrip('/') + '/auth/tokens'
                           if env['OS_AUTH_URL'].rstrip('/').endswith('v3')
                           else env['OS_AUTH_URL'].rstrip('/') +
                           '/v3/auth/tokens', json=body, timeout=30)
    answer.raise_for_status()
    project = answer.json()['token']['project']['id']
    return answer.headers['X-Subject-Token'], project


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seed', type=int, default=21)
    parser.add_argument('--count', type=int, default=None)
    parser.add_argument('--minutes', type=float, default=None)
    parser.add_argument('--api', default='compute,placement,network,volume')
    for api, url in DEFAULT_URLS.items():
        parser.add_argument('--%s-url' % api, default=url)
    parser.add_argument('--token', help="default: Keystone's for lab/openrc,"
                        " else 'admin' (noauth2)")
    parser.add_argument('--project-id', default='admin')
    parser.add_argument('--destructive', action='store_true',
                        help='also send DELETE to what exists')
    args = parser.parse_args(argv)
    if args.count is None and args.minutes is None:
        args.count = 2000
    token, project = args.token, args.project_id
    if token is None:
        token, found = _keystone_token()
        token, project = (token, found) if token else ('admin', project)
    targets = {api: (http_sender(getattr(args, api + '_url')), token,
                     project)
               for api in args.api.split(',')}
    started = time.monotonic()
    sent, classes, failures = run(targets, args.seed, args.count,
                                  args.minutes, args.destructive,
                                  out=sys.stdout)
    print('seed %d: %d requests in %.0f s' % (args.seed, sent,
                                              time.monotonic() - started))
    for name in sorted(classes):
        print('  %-16s %d' % (name, classes[name]))
    print('%d failures' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
