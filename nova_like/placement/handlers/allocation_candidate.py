# SPDX-License-Identifier: Apache-2.0
"""GET /allocation_candidates."""

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


def _allocation_requests(result, version):
    uuids = {p: v[0] for p, v in result.providers.items()}
    names = result.rc_names
    out = []
    if version < (1, 12):
        for c in result.candidates:
            out.append({'allocations': [
                {'resource_provider': {'uuid': uuids[p]},
                 'resources': {names[r]: a for r, a in res.items()}}
                for p, res in c.allocations.items()]})
        return out
    mappings = version >= (1, 34)
    for c in result.candidates:
        entry = {'allocations': {
            uuids[p]: {'resources': {names[r]: a for r, a in res.items()}}
            for p, res in c.allocations.items()}}
        if mappings:
            entry['mappings'] = {s: [uuids[p] for p in ps]
                                 for s, ps in c.mappings.items()}
        out.append(entry)
    return out


def _provider_summaries(result, version):
    names = result.rc_names
    providers = result.providers
    with_traits = version >= (1, 17)
    with_tree = version >= (1, 29)
    out = {}
    for rp_id, per_rc in result.summaries.items():
        uuid, parent, root = providers[rp_id]
        entry = {'resources': {names[r]: {'capacity': c, 'used': u}
                               for r, (c, u) in per_rc.items()}}
        if with_traits:
            entry['traits'] = result.traits.get(rp_id, [])
        if with_tree:
            entry['parent_provider_uuid'] = (
                providers[parent][0] if parent in providers else None)
            entry['root_provider_uuid'] = providers.get(root, (uuid,))[0]
        out[uuid] = entry
    return out


@util.wsgify
@microversion.version_handler('1.10')
@util.check_accept('application/json')
def list_allocation_candidates(req):
    ctx = util.context(req)
    ctx.can(policies.LIST)
    version = util.microversion(req)
    groups, limit, policy, same_subtree, root_required = _parse(req, version)
    result = ac_obj.get(
        ctx, groups, group_policy=policy, same_subtree=same_subtree,
        root_required=root_required, limit=limit,
        nested=version >= (1, 29), all_classes=version >= (1, 27),
        want_traits=version >= (1, 17))
    body = {'allocation_requests': _allocation_requests(result, version),
            'provider_summaries': _provider_summaries(result, version)}
    return util.json_response(req, body)
