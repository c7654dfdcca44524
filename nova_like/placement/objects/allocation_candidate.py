# SPDX-License-Identifier: Apache-2.0
"""Allocation candidates: which providers could satisfy a request, set-based.

How a request is answered, in a fixed number of SQL queries:

1. For each request group with resources, one query finds every provider
   with room for any of the group's classes (capacity, min/max unit and step
   size checked in SQL) that passes the group's member_of and in_tree
   filters (and, for a suffixed group, its traits), as (provider, root,
   class) rows.
2. Providers with MISC_SHARES_VIA_AGGREGATE lend their inventory to the
   trees of providers they share an aggregate with (one query, only when
   such a provider matched).
3. Trees are kept when every group can be satisfied inside them; one query
   reads the providers of those trees, one their traits when traits matter.
4. Per tree, in Python and in memory, the groups' options are combined,
   group_policy, same_subtree, root_required and the unsuffixed group's
   traits checked, until `limit` candidates are found.
5. Summaries of the providers in the chosen trees: inventories with usage
   (one query each) and traits.
"""

import itertools

import os_traits
import sqlalchemy as sa

from nova_like.placement.db import models
from nova_like.placement.objects import resource_class as rc_obj
from nova_like.placement.objects import resource_provider as rp_obj
from nova_like.placement.objects import trait as trait_obj

_RP = models.RP
_INV = models.INV
_A = models.ALLOC
_RPT = models.RP_TRAIT
_RPA = models.RP_AGG
_T = models.TRAIT
_IN_LIST_MAX = 200


class Candidate:
    """One allocation request: {rp id: {rc id: amount}} and group mappings."""

    __slots__ = ('allocations', 'mappings', 'merged')

    def __init__(self, allocations, mappings, merged=False):
        self.allocations = allocations
        self.mappings = mappings
        self.merged = merged


class Result:
    """Candidates plus what the summaries need, all keyed by ids."""

    def __init__(self):
        self.candidates = []
        self.providers = {}     # id -> (uuid, parent id, root id)
        self.summaries = {}     # id -> {rc id: (capacity, used)}
        self.traits = {}        # id -> [names]
        self.rc_names = {}


class _Request:
    def __init__(self, ctx, s, groups, root_required):
        names = set()
        for g in groups.values():
            names |= g.trait_names
        for any_of in root_required[0]:
            names |= any_of
        names |= root_required[1]
        self.trait_ids = trait_obj.ids_for(ctx, names, s)
        self.rc_ids = rc_obj.ids_for(
            ctx, {n for g in groups.values() for n in g.resources})

    def traits(self, names):
        return {self.trait_ids[n] for n in names}


def _in_ids(col, ids):
    return col.in_(sorted(ids))


def _rows_by_ids(s, query, col, ids, key_index=0):
    """Run query limited to col IN ids, reading everything when ids is big."""
    if len(ids) <= _IN_LIST_MAX:
        return s.execute(query.where(_in_ids(col, ids))).all()
    return [r for r in s.execute(query).all() if r[key_index] in ids]


def _group_clauses(s, req, group, rp_col, root_col, tree_root):
    clauses = rp_obj.aggregate_clauses(s, rp_col, root_col, group.member_of,
                                       group.forbidden_aggs)
    if group.in_tree is not None:
        clauses.append(root_col == tree_root)
    if group.use_same_provider:
        clauses += rp_obj.trait_clauses(
            rp_col, [req.traits(a) for a in group.required_any],
            req.traits(group.forbidden))
    return clauses


def _providers_with_room(s, req, group, tree_root):
    """[(rp id, root id, rc id)] for every class of group with room left."""
    rc_ids = {req.rc_ids[n]: a for n, a in group.resources.items()}
    used = sa.select(_A.c.resource_provider_id, _A.c.resource_class_id,
                     sa.func.sum(_A.c.used).label('used')).where(
        _A.c.resource_class_id.in_(sorted(rc_ids))).group_by(
        _A.c.resource_provider_id, _A.c.resource_class_id).subquery()
    room = []
    for rc_id, amount in sorted(rc_ids.items()):
        room.append(sa.and_(
            _INV.c.resource_class_id == rc_id,
            (_INV.c.total - _INV.c.reserved) * _INV.c.allocation_ratio
            >= amount + sa.func.coalesce(used.c.used, 0),
            _INV.c.min_unit <= amount, _INV.c.max_unit >= amount,
            sa.literal(amount) % _INV.c.step_size == 0))
    q = sa.select(_INV.c.resource_provider_id, _RP.c.root_provider_id,
                  _INV.c.resource_class_id).select_from(
        _INV.join(_RP, _RP.c.id == _INV.c.resource_provider_id).outerjoin(
            used, sa.and_(
                used.c.resource_provider_id == _INV.c.resource_provider_id,
                used.c.resource_class_id == _INV.c.resource_class_id))
    ).where(sa.or_(*room), *_group_clauses(
        s, req, group, _RP.c.id, _RP.c.root_provider_id, tree_root))
    return s.execute(q).all()


def _providers_matching(s, req, group, tree_root):
    """[(rp id, root id)] passing a resourceless group's filters."""
    q = sa.select(_RP.c.id, _RP.c.root_provider_id).where(*_group_clauses(
        s, req, group, _RP.c.id, _RP.c.root_provider_id, tree_root))
    return s.execute(q).all()


def _sharing_anchors(s, sharing_ids):
    """{sharing provider id: roots of providers sharing an aggregate}."""
    other = _RPA.alias('other')
    rows = s.execute(
        sa.select(_RPA.c.resource_provider_id, _RP.c.root_provider_id)
        .select_from(_RPA.join(other, other.c.aggregate_id
                               == _RPA.c.aggregate_id)
                     .join(_RP, _RP.c.id == other.c.resource_provider_id))
        .where(_in_ids(_RPA.c.resource_provider_id, sharing_ids))
        .distinct()).all()
    anchors = {}
    for sp, root in rows:
        anchors.setdefault(sp, set()).add(root)
    return anchors


class _GroupOptions:
    """Per tree root, the ways one group can be satisfied."""

    def __init__(self, group, rc_ids):
        self.group = group
        self.rc_ids = sorted(rc_ids)         # rc ids of the group
        self.amounts = {}
        self.by_root = {}                    # root -> options

    def options(self, root):
        return self.by_root.get(root, ())


def _options_for(group, rows, rc_amounts, sharing, anchors, roots_of):
    opts = _GroupOptions(group, rc_amounts)
    opts.amounts = rc_amounts
    if not rc_amounts:
        for rp_id, root in rows:
            opts.by_root.setdefault(root, []).append((rp_id,))
        return opts
    # per root, per rc: provider ids
    per_root = {}
    for rp_id, root, rc_id in rows:
        per_root.setdefault(root, {}).setdefault(rc_id, []).append(rp_id)
        if rp_id in sharing:
            for anchor in anchors.get(rp_id, ()):
                if anchor != root:
                    per_root.setdefault(anchor, {}).setdefault(
                        rc_id, []).append(rp_id)
    n = len(rc_amounts)
    rcs = opts.rc_ids
    for root, by_rc in per_root.items():
        if len(by_rc) != n:
            continue
        if group.use_same_provider:
            common = set(by_rc[rcs[0]])
            for rc_id in rcs[1:]:
                common.intersection_update(by_rc[rc_id])
            if common:
                opts.by_root[root] = [(p,) * n for p in sorted(common)]
        elif n == 1:
            opts.by_root[root] = [(p,) for p in sorted(by_rc[rcs[0]])]
        else:
            lists = [sorted(by_rc[rc_id]) for rc_id in rcs]
            if all(len(lst) == 1 for lst in lists):
                opts.by_root[root] = [tuple(lst[0] for lst in lists)]
            else:
                opts.by_root[root] = list(itertools.product(*lists))
    return opts


def _ancestors(rp_id, parents):
    chain = [rp_id]
    while parents.get(rp_id) is not None:
        rp_id = parents[rp_id]
        chain.append(rp_id)
    return chain


def _same_subtree_ok(chosen, same_subtree, parents):
    for suffixes in same_subtree:
        providers = {p for sfx in suffixes for p in chosen[sfx]}
        lineages = {p: set(_ancestors(p, parents)) for p in providers}
        if not any(all(top in lineages[p] for p in providers)
                   for top in providers):
            return False
    return True


def _traits_ok(rp_ids, traits, required_any, forbidden):
    have = set()
    for p in rp_ids:
        have.update(traits.get(p, ()))
    if have & forbidden:
        return False
    return all(have & any_of for any_of in required_any)


def get(ctx, groups, group_policy=None, same_subtree=(),
        root_required=((), ()), limit=None, nested=True,
        all_classes=True, want_traits=True):
    """Allocation candidates for groups ({suffix: RequestGroup}).

    :param nested: False before microversion 1.29: trees of more than one
        provider are left out.
    :param all_classes: summaries list every class of a provider (1.27).
    :returns: a Result.
    """
    result = Result()
    result.rc_names = rc_obj.id_to_name(ctx)
    with ctx.db.reader() as s:
        req = _Request(ctx, s, groups, root_required)
        tree_roots = {}
        for g in groups.values():
            if g.in_tree is not None:
                root = s.execute(sa.select(_RP.c.root_provider_id).where(
                    _RP.c.uuid == g.in_tree)).scalar()
                if root is None:
                    return result
                tree_roots[g.suffix] = root
        raw = {}
        for sfx, g in groups.items():
            if g.resources:
                raw[sfx] = _providers_with_room(s, req, g, tree_roots.get(sfx))
            else:
                raw[sfx] = _providers_matching(s, req, g, tree_roots.get(sfx))
            if not raw[sfx]:
                return result
        found = {r[0] for rows in raw.values() for r in rows}
        sharing, anchors = set(), {}
        shares_id = s.execute(sa.select(_T.c.id).where(
            _T.c.name == os_traits.MISC_SHARES_VIA_AGGREGATE)).scalar()
        if shares_id is not None:
            sharing = set(s.scalars(sa.select(_RPT.c.resource_provider_id)
                                    .where(_RPT.c.trait_id == shares_id))
                          .all()) & found
            if sharing:
                anchors = _sharing_anchors(s, sharing)
        options = {}
        for sfx, g in groups.items():
            amounts = {req.rc_ids[n]: a for n, a in g.resources.items()}
            options[sfx] = _options_for(g, raw[sfx], amounts, sharing,
                                        anchors, None)
        roots = None
        for opts in options.values():
            have = set(opts.by_root)
            roots = have if roots is None else roots & have
        if root_required[0] or root_required[1]:
            q = sa.select(_RP.c.id).where(
                _RP.c.id == _RP.c.root_provider_id,
                *rp_obj.trait_clauses(
                    _RP.c.id, [req.traits(a) for a in root_required[0]],
                    req.traits(root_required[1])))
            roots &= set(s.scalars(q).all())
        if not roots:
            return result
        tree_rows = _rows_by_ids(
            s, sa.select(_RP.c.root_provider_id, _RP.c.id, _RP.c.uuid,
                         _RP.c.parent_provider_id),
            _RP.c.root_provider_id, roots)
        members = {}
        for root, rp_id, uuid, parent in tree_rows:
            members.setdefault(root, []).append(rp_id)
            result.providers[rp_id] = (uuid, parent, root)
        if sharing:
            for rp_id, uuid, parent, root in s.execute(sa.select(
                    _RP.c.id, _RP.c.uuid, _RP.c.parent_provider_id,
                    _RP.c.root_provider_id).where(_in_ids(_RP.c.id,
                                                          sharing))):
                result.providers[rp_id] = (uuid, parent, root)
        if not nested:
            roots = {r for r in roots if len(members.get(r, ())) == 1}
        unsuffixed = groups.get('')
        check_traits = unsuffixed is not None and (
            unsuffixed.required_any or unsuffixed.forbidden)
        if check_traits or want_traits:
            trait_rows = _rows_by_ids(
                s, sa.select(_RPT.c.resource_provider_id, _T.c.name).join(
                    _T, _T.c.id == _RPT.c.trait_id),
                _RPT.c.resource_provider_id, set(result.providers))
            for rp_id, name in trait_rows:
                result.traits.setdefault(rp_id, []).append(name)
        parents = {p: v[1] for p, v in result.providers.items()}
        chosen_roots = _combine(result, options, roots, group_policy,
                                same_subtree, parents, unsuffixed,
                                check_traits, limit,
                                dedupe=len(groups) > 1 or bool(sharing))
        _summarise(ctx, s, result, chosen_roots, members, nested,
                   all_classes, req)
    return result


def _combine(result, options, roots, group_policy, same_subtree, parents,
             unsuffixed, check_traits, limit, dedupe):
    """Fill result.candidates tree by tree; the roots used."""
    order = sorted(options)
    isolate = group_policy == 'isolate'
    suffixed = [sfx for sfx in order if sfx]
    if check_traits:
        req_any = [{n for n in a} for a in unsuffixed.required_any]
        forbidden = set(unsuffixed.forbidden)
    used_roots = set()
    seen = set()
    for root in sorted(roots):
        per_group = [options[sfx].by_root[root] for sfx in order]
        for combo in itertools.product(*per_group):
            chosen = dict(zip(order, combo))
            if isolate and len(suffixed) > 1:
                picked = [chosen[sfx][0] for sfx in suffixed
                          if options[sfx].amounts]
                if len(set(picked)) != len(picked):
                    continue
            if same_subtree and not _same_subtree_ok(
                    chosen, same_subtree, parents):
                continue
            if check_traits and not _traits_ok(
                    set(chosen['']) if options[''].amounts
                    else set(chosen['']), result.traits, req_any, forbidden):
                continue
            allocations = {}
            mappings = {}
            merged = False
            for sfx in order:
                opts = options[sfx]
                providers = chosen[sfx]
                mappings[sfx] = sorted(set(providers))
                for rc_id, rp_id in zip(opts.rc_ids, providers):
                    if not opts.amounts:
                        break
                    per_rp = allocations.setdefault(rp_id, {})
                    if rc_id in per_rp:
                        merged = True
                        per_rp[rc_id] += opts.amounts[rc_id]
                    else:
                        per_rp[rc_id] = opts.amounts[rc_id]
            if dedupe:
                key = (tuple(sorted((p, tuple(sorted(r.items())))
                                    for p, r in allocations.items())),
                       tuple((k, tuple(v)) for k, v in
                             sorted(mappings.items())))
                if key in seen:
                    continue
                seen.add(key)
            result.candidates.append(Candidate(allocations, mappings,
                                               merged))
            used_roots.add(root)
            for p in allocations:
                used_roots.add(result.providers[p][2])
            if limit and len(result.candidates) >= limit:
                return used_roots
    return used_roots


def _summarise(ctx, s, result, roots, members, nested, all_classes, req):
    """Capacity and usage of the providers that summaries show."""
    if nested:
        ids = {p for r in roots for p in members.get(r, ())}
    else:
        ids = set()
    for c in result.candidates:
        ids.update(c.allocations)
    if not ids:
        return
    requested = set(req.rc_ids.values())
    # The driver already returns floats: skip SQLAlchemy's (slow on
    # SQLite) Float result processing.
    ratio = sa.type_coerce(_INV.c.allocation_ratio, sa.types.NullType())
    inv_rows = _rows_by_ids(
        s, sa.select(_INV.c.resource_provider_id, _INV.c.resource_class_id,
                     _INV.c.total, _INV.c.reserved, ratio),
        _INV.c.resource_provider_id, ids)
    used_rows = _rows_by_ids(
        s, sa.select(_A.c.resource_provider_id, _A.c.resource_class_id,
                     sa.func.sum(_A.c.used)).group_by(
            _A.c.resource_provider_id, _A.c.resource_class_id),
        _A.c.resource_provider_id, ids)
    used = {(r[0], r[1]): int(r[2]) for r in used_rows}
    summaries = {p: {} for p in ids}
    for rp_id, rc_id, total, reserved, ratio in inv_rows:
        if not all_classes and rc_id not in requested:
            continue
        summaries[rp_id][rc_id] = (int((total - reserved) * ratio),
                                   used.get((rp_id, rc_id), 0))
    result.summaries = summaries
    _drop_over_capacity(result)


def _drop_over_capacity(result):
    """Remove candidates whose merged amounts exceed what is left."""
    if not any(c.merged for c in result.candidates):
        return
    kept = []
    for c in result.candidates:
        if not c.merged:
            kept.append(c)
            continue
        ok = True
        for rp_id, per_rc in c.allocations.items():
            inv = result.summaries.get(rp_id, {})
            for rc_id, amount in per_rc.items():
                cap = inv.get(rc_id)
                if cap is not None and cap[1] + amount > cap[0]:
                    ok = False
        if ok:
            kept.append(c)
    result.candidates = kept
