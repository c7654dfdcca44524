# SPDX-License-Identifier: Apache-2.0
"""GET /allocation_candidates."""

import functools
import json
import re

from nova_like.placement import errors
from nova_like.placement import microversion
from nova_like.placement.objects import allocation_candidate as ac_obj
from nova_like.placement.objects import request_group
from nova_like.placement.policies import allocation_candidate as policies
from nova_like.placement.schemas import allocation_candidate as schema
from nova_like.placement import util

_GROUP_KEY_RE = re.compile(
    r'^(resources|required|member_of|in_tree)([1-9][0-9]*|_[a-zA-Z0-9_-]{1,64})?$')
_LIMIT_RE = re.compile(r'^[1-9][0-9]*$')
# Strings JSON-encoded as they are: uuids, suffixes, class and trait names.
_PLAIN = re.compile(r'[0-9A-Za-z_-]*\Z').match
# Bounds of the in-process summary cache (per database): shapes are the
# microversion's fields and the class names, so a handful in practice.
_MAX_SHAPES = 16
_MAX_SUMMARIES = 200000


def _bad(msg):
    return errors.BadRequest(msg, code=errors.QUERYPARAM_BAD_VALUE)


def _parse(req, version):
    fixed = schema.fixed_params(version)
    for key in req.GET.keys():
        if key not in fixed and not _GROUP_KEY_RE.match(key):
            raise _bad('Invalid query string parameters: Additional '
                       "properties are not allowed ('%s' was unexpected)"
                       % key)
    groups = request_group.groups_from_query(req, version)
    if not any(g.resources for g in groups.values()):
        raise _bad("Invalid query string parameters: 'resources' or "
                   "'resources{N}' is a required property: at least one "
                   "request group must ask for resources")
    if version < (1, 36):
        orphans = []
        for g in groups.values():
            if g.resources:
                continue
            if g.required_any or g.forbidden:
                orphans.append('required%s' % g.suffix)
            if g.member_of or g.forbidden_aggs:
                orphans.append('member_of%s' % g.suffix)
            if g.in_tree:
                orphans.append('in_tree%s' % g.suffix)
        if orphans:
            raise _bad('All traits, member_of and in_tree parameters must '
                       'be associated with resources. Found the following '
                       'orphaned keys: %s' % ', '.join(sorted(orphans)))
    limit = util.query_single(req, 'limit')
    if limit is not None:
        if not _LIMIT_RE.match(limit):
            raise _bad("Invalid query string parameters: 'limit' must be a "
                       "positive integer. Got: %s" % limit)
        limit = int(limit)
    policy = util.query_single(req, 'group_policy')
    if policy is not None and policy not in ('none', 'isolate'):
        raise _bad("Invalid query string parameters: 'group_policy' must be "
                   "one of 'none', 'isolate'. Got: %s" % policy)
    suffixed = [g for g in groups.values() if g.suffix and g.resources]
    if len(suffixed) > 1 and policy is None:
        raise _bad('The "group_policy" parameter is required when specifying'
                   ' more than one "resources{N}" parameter.')
    same_subtree = request_group.parse_same_subtree(req, groups)
    root_required = request_group.parse_root_required(req)
    return groups, limit, policy, same_subtree, root_required


def _dumps(obj):
    return json.dumps(obj, separators=(',', ':'))


def _quoter():
    """A memoising JSON encoder of strings: uuids, names, suffixes."""
    memo = {}

    def quote(text):
        quoted = memo.get(text)
        if quoted is None:
            quoted = memo[text] = (
                '"%s"' % text if _PLAIN(text) else _dumps(text))
        return quoted
    return quote


def _allocation_requests(result, version):
    """The allocation_requests list, JSON-encoded.

    Built as text: at 10,000 candidates, dicts for json.dumps cost more
    than the rest of the request.
    """
    providers = result.providers
    names = result.rc_names
    if version < (1, 12):
        return _dumps([{'allocations': [
            {'resource_provider': {'uuid': providers[p][0]},
             'resources': {names[r]: a for r, a in res.items()}}
            for p, res in c.allocations.items()]}
            for c in result.candidates])
    quote = _quoter()
    resources = {}      # allocation (rc id, amount) items -> JSON
    mappings = version >= (1, 34)
    templates = {}      # (amounts id, suffix) -> request with uuid holes
    last = (None, None, None)
    out = []
    for c in result.candidates:
        if c.__class__ is ac_obj.OneProvider:
            # Such candidates share their amounts dict (alive as long as
            # result), so it stands for its content here.
            if c.amounts is last[0] and c.suffix == last[1]:
                template = last[2]
            else:
                key = (id(c.amounts), c.suffix)
                template = templates.get(key)
                if template is None:
                    res_json = _dumps(
                        {names[r]: a for r, a in c.amounts.items()})
                    template = templates[key] = (
                        '{"allocations":{"%%s":{"resources":%s}},'
                        '"mappings":{%s:["%%s"]}}'
                        % (res_json, quote(c.suffix)) if mappings else
                        '{"allocations":{"%%s":{"resources":%s}}}%%.0s'
                        % res_json)
                last = (c.amounts, c.suffix, template)
            uuid = providers[c.rp_id][0]
            if not _PLAIN(uuid):
                uuid = _dumps(uuid)[1:-1]
            out.append(template % (uuid, uuid))
            continue
        parts = []
        for p, res in c.allocations.items():
            key = tuple(res.items())
            res_json = resources.get(key)
            if res_json is None:
                res_json = resources[key] = _dumps(
                    {names[r]: a for r, a in key})
            parts.append('%s:{"resources":%s}' % (quote(providers[p][0]),
                                                  res_json))
        if mappings:
            out.append('{"allocations":{%s},"mappings":{%s}}' % (
                ','.join(parts), ','.join(
                    '%s:[%s]' % (quote(s), ','.join(
                        quote(providers[p][0]) for p in ps))
                    for s, ps in c.mappings.items())))
        else:
            out.append('{"allocations":{%s}}' % ','.join(parts))
    return '[%s]' % ','.join(out)


def _summary_cache(ctx, version, all_classes, requested, rc_names):
    """{rp id: (validator, JSON)} of summaries already built in this shape.

    The shape is everything besides the provider's own rows that goes into
    its summary: the microversion's fields and the resource class names.
    """
    shapes = ctx.db.memo.setdefault('allocation_candidates.summaries', {})
    shape = (version >= (1, 17), version >= (1, 29), all_classes,
             None if all_classes else frozenset(requested),
             tuple(sorted(rc_names.items())))
    cache = shapes.get(shape)
    if cache is None:
        if len(shapes) >= _MAX_SHAPES:
            shapes.clear()
        cache = shapes[shape] = {}
    elif len(cache) > _MAX_SUMMARIES:
        cache.clear()
    return cache


def _provider_summaries(result, version):
    """The provider_summaries object, JSON-encoded; the summaries built are
    kept in result.summary_cache when they were read consistently."""
    cache = result.summary_cache
    names = result.rc_names
    providers = result.providers
    with_traits = version >= (1, 17)
    with_tree = version >= (1, 29)
    out = []
    for rp_id in result.summary_ids:
        text = result.cached.get(rp_id)
        if text is None:
            uuid, parent, root = providers[rp_id][:3]
            entry = {'resources': {
                names[r]: {'capacity': c, 'used': u}
                for r, (c, u) in result.summaries[rp_id].items()}}
            if with_traits:
                entry['traits'] = result.traits.get(rp_id, [])
            if with_tree:
                entry['parent_provider_uuid'] = (
                    providers[parent][0] if parent in providers else None)
                entry['root_provider_uuid'] = providers.get(root, (uuid,))[0]
            text = '%s:%s' % (_dumps(uuid), _dumps(entry))
            if rp_id in result.storable:
                cache[rp_id] = (result.validators[rp_id], text)
        out.append(text)
    return '{%s}' % ','.join(out)


@util.wsgify
@microversion.version_handler('1.10')
@util.check_accept('application/json')
def list_allocation_candidates(req):
    ctx = util.context(req)
    ctx.can(policies.LIST)
    version = util.microversion(req)
    groups, limit, policy, same_subtree, root_required = _parse(req, version)
    all_classes = version >= (1, 27)
    requested = {n for g in groups.values() for n in g.resources}

    def build():
        result = ac_obj.get(
            ctx, groups, group_policy=policy, same_subtree=same_subtree,
            root_required=root_required, limit=limit,
            nested=version >= (1, 29), all_classes=all_classes,
            want_traits=version >= (1, 17),
            summary_cache=functools.partial(_summary_cache, ctx, version,
                                            all_classes, requested))
        return ('{"allocation_requests":%s,"provider_summaries":%s}' % (
            _allocation_requests(result, version),
            _provider_summaries(result, version))).encode()

    body = ctx.db.answers.get_or_build(
        ctx.db, ('allocation_candidates', version, req.query_string), build)
    return util.json_response(req, body)
