# SPDX-License-Identifier: Apache-2.0
"""Allocation candidates: which providers could satisfy a request, set-based.

How a request is answered, in a fixed number of SQL queries:

1. For each request group with resources, one query finds every provider
   with room for any of the group's classes (capacity, min/max unit and step
   size checked in SQL) that passes the group's member_of and in_tree
   filters (and, for a suffixed group, its traits), as one (provider, root,
   bitmask of the classes it has room for) row per provider.
2. Providers with MISC_SHARES_VIA_AGGREGATE lend their inventory to the
   trees of providers they share an aggregate with (one query, only when
   such a provider matched).
3. Trees are kept when every group can be satisfied inside them; one query
   reads the providers of those trees, one their traits when traits matter.
4. Per tree, in Python and in memory, the groups' options are combined,
   group_policy, same_subtree, root_required and the unsuffixed group's
   traits checked, until `limit` candidates are found.
5. Summaries of the providers in the chosen trees: capacity and usage (one
   query) and traits, read only for providers whose summary the caller has
   not cached under the same validator (id, uuid, generation, creation
   time, parent and root uuids; every write to a provider's inventories,
   allocations or traits bumps its generation).

Rows are read as plain DBAPI tuples (_fetch): at 10,000 providers,
SQLAlchemy's per-row processing costs more than the queries.
"""

import collections
import itertools

import os_traits
import sqlalchemy as sa

from nova_like.placement.db import api as db_api
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
# The drivers return floats and datetimes (or their text) as we want them:
# skip SQLAlchemy's result processing, which is slow on SQLite.
_RATIO = sa.type_coerce(_INV.c.allocation_ratio, sa.types.NullType())
_CREATED = sa.type_coerce(_RP.c.created_at, sa.types.NullType())


class Candidate:
    """One allocation request: {rp id: {rc id: amount}} and group mappings."""

    __slots__ = ('allocations', 'mappings', 'merged')

    def __init__(self, allocations, mappings, merged=False):
        self.allocations = allocations
        self.mappings = mappings
        self.merged = merged


class OneProvider(Candidate):
    """A candidate where one provider has all of the one group's classes.

    Most candidates are of this kind; the full form is built on demand.
    """

    __slots__ = ('rp_id', 'suffix', 'amounts')

    def __init__(self, rp_id, suffix, amounts):
        self.rp_id = rp_id
        self.suffix = suffix
        self.amounts = amounts      # {rc id: amount}, shared: never change
        self.merged = False

    @property
    def allocations(self):
        return {self.rp_id: dict(self.amounts)}

    @property
    def mappings(self):
        return {self.suffix: [self.rp_id]}


class Result:
    """Candidates plus what the summaries need, all keyed by ids."""

    def __init__(self):
        self.candidates = []
        self.providers = {}     # id -> (uuid, parent id, root id, generation,
        #                               created_at)
        self.summary_ids = []   # providers to summarise, in id order
        self.validators = {}    # id -> what a cached summary must match
        self.cached = {}        # id -> the caller's cached summary
        self.summaries = {}     # id -> {rc id: (capacity, used)}, not cached
        self.traits = {}        # id -> [names], for the summaries read
        self.storable = set()   # ids read consistently with their validator
        self.summary_cache = {}  # the caller's, from get(summary_cache=)
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


def _fetch(s, query, params=None):
    """Rows of query as plain DBAPI tuples."""
    result = s.execute(query, params)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


class _ByIds:
    """A statement built once, to run whole or limited to col IN :ids.

    Fixed statements are reused rather than built per request: SQLAlchemy
    then finds each one's compiled form without building its cache key.
    """

    def __init__(self, query, col, key_index=0):
        self.whole = query
        self.limited = query.where(col.in_(db_api.many('ids')))
        self.key_index = key_index

    def rows(self, s, ids, **params):
        """Rows for ids, reading everything when ids is big."""
        if len(ids) <= _IN_LIST_MAX:
            return _fetch(s, self.limited, dict(params, ids=sorted(ids)))
        return [r for r in _fetch(s, self.whole, params)
                if r[self.key_index] in ids]


_SHARING = sa.select(_RPT.c.resource_provider_id).join(
    _T, _T.c.id == _RPT.c.trait_id).where(
    _T.c.name == os_traits.MISC_SHARES_VIA_AGGREGATE)
_OTHER = _RPA.alias('other')
_ANCHORS = sa.select(
    _RPA.c.resource_provider_id, _RP.c.root_provider_id).select_from(
    _RPA.join(_OTHER, _OTHER.c.aggregate_id == _RPA.c.aggregate_id)
    .join(_RP, _RP.c.id == _OTHER.c.resource_provider_id)).where(
    _RPA.c.resource_provider_id.in_(db_api.many('ids'))).distinct()
_TREE_COLUMNS = (_RP.c.id, _RP.c.uuid, _RP.c.parent_provider_id,
                 _RP.c.root_provider_id, _RP.c.generation, _CREATED)
_TREES = _ByIds(sa.select(*_TREE_COLUMNS), _RP.c.root_provider_id,
                key_index=3)
_PROVIDERS = sa.select(*_TREE_COLUMNS).where(_RP.c.id.in_(db_api.many('ids')))
_TRAITS_OF = _ByIds(sa.select(
    _RPT.c.resource_provider_id, _RPT.c.trait_id).where(
    _RPT.c.trait_id.in_(db_api.many('traits'))), _RPT.c.resource_provider_id)
# Capacity, usage and the generation they go with in one statement, so
# that they agree on every backend.
_USED_HERE = sa.select(sa.func.sum(_A.c.used)).where(
    _A.c.resource_provider_id == _INV.c.resource_provider_id,
    _A.c.resource_class_id == _INV.c.resource_class_id).scalar_subquery()
_CAPACITY = _ByIds(sa.select(
    _RP.c.id, _RP.c.generation, _INV.c.resource_class_id, _INV.c.total,
    _INV.c.reserved, _RATIO, _USED_HERE).select_from(_RP.outerjoin(
        _INV, _INV.c.resource_provider_id == _RP.c.id)).order_by(
    _RP.c.id, _INV.c.resource_class_id), _RP.c.id)
_TRAIT_NAMES = _ByIds(sa.select(_RP.c.id, _RP.c.generation, _T.c.name)
                      .select_from(_RP.outerjoin(
                          _RPT, _RPT.c.resource_provider_id == _RP.c.id)
                          .outerjoin(_T, _T.c.id == _RPT.c.trait_id))
                      .order_by(_RP.c.id, _RPT.c.trait_id), _RP.c.id)


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


# Statements of _providers_with_room by what they depend on, for groups
# without aggregates (whose ids are looked up per request): a scheduler
# asks the same few questions, one per flavor, over and over.
_ROOM_STATEMENTS = {}
_ROOM_STATEMENTS_MAX = 256


def _providers_with_room(s, req, group, tree_root):
    """[(rp id, root id, mask)]: bit i set when the provider has room for
    the group's i-th class in rc id order."""
    rc_ids = {req.rc_ids[n]: a for n, a in group.resources.items()}
    key = None
    if not group.member_of and not group.forbidden_aggs:
        key = (tuple(sorted(rc_ids.items())), tree_root,
               group.use_same_provider and (
                   tuple(frozenset(req.traits(a))
                         for a in group.required_any),
                   frozenset(req.traits(group.forbidden))))
        q = _ROOM_STATEMENTS.get(key)
        if q is not None:
            return _fetch(s, q)
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
    mask = sa.func.sum(sa.case(
        {rc_id: 1 << i for i, rc_id in enumerate(sorted(rc_ids))},
        value=_INV.c.resource_class_id, else_=0))
    q = sa.select(_INV.c.resource_provider_id, _RP.c.root_provider_id,
                  mask).select_from(
        _INV.join(_RP, _RP.c.id == _INV.c.resource_provider_id).outerjoin(
            used, sa.and_(
                used.c.resource_provider_id == _INV.c.resource_provider_id,
                used.c.resource_class_id == _INV.c.resource_class_id))
    ).where(sa.or_(*room), *_group_clauses(
        s, req, group, _RP.c.id, _RP.c.root_provider_id, tree_root)
    ).group_by(_INV.c.resource_provider_id, _RP.c.root_provider_id)
    if key is not None:
        if len(_ROOM_STATEMENTS) >= _ROOM_STATEMENTS_MAX:
            _ROOM_STATEMENTS.clear()
        _ROOM_STATEMENTS[key] = q
    return _fetch(s, q)


def _providers_matching(s, req, group, tree_root):
    """[(rp id, root id)] passing a resourceless group's filters."""
    q = sa.select(_RP.c.id, _RP.c.root_provider_id).where(*_group_clauses(
        s, req, group, _RP.c.id, _RP.c.root_provider_id, tree_root))
    return _fetch(s, q)


def _sharing_anchors(s, sharing_ids):
    """{sharing provider id: roots of providers sharing an aggregate}."""
    rows = _fetch(s, _ANCHORS, {'ids': sorted(sharing_ids)})
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


def _options_for(group, rows, rc_amounts, sharing, anchors):
    opts = _GroupOptions(group, rc_amounts)
    opts.amounts = rc_amounts
    by_root = opts.by_root
    if not rc_amounts:
        for rp_id, root in rows:
            by_root.setdefault(root, []).append((rp_id,))
        return opts
    # per root: (provider, mask) rows
    per_root = {}
    for row in rows:
        entries = per_root.get(row[1])
        if entries is None:
            per_root[row[1]] = [row]
        else:
            entries.append(row)
        if sharing and row[0] in sharing:
            for anchor in anchors.get(row[0], ()):
                if anchor != row[1]:
                    per_root.setdefault(anchor, []).append(row)
    n = len(rc_amounts)
    full = (1 << n) - 1
    rcs = opts.rc_ids
    for root, entries in per_root.items():
        if len(entries) == 1:
            # One provider: it alone must have room for every class.
            if entries[0][2] == full:
                by_root[root] = [(entries[0][0],) * n]
            continue
        by_rc = {}
        for rp_id, _root, mask in entries:
            mask = int(mask)    # MySQL's SUM() is a Decimal
            for i, rc_id in enumerate(rcs):
                if mask >> i & 1:
                    by_rc.setdefault(rc_id, []).append(rp_id)
        if len(by_rc) != n:
            continue
        if group.use_same_provider:
            common = set(by_rc[rcs[0]])
            for rc_id in rcs[1:]:
                common.intersection_update(by_rc[rc_id])
            if common:
                by_root[root] = [(p,) * n for p in sorted(common)]
        elif n == 1:
            by_root[root] = [(p,) for p in sorted(by_rc[rcs[0]])]
        else:
            lists = [sorted(by_rc[rc_id]) for rc_id in rcs]
            if all(len(lst) == 1 for lst in lists):
                by_root[root] = [tuple(lst[0] for lst in lists)]
            else:
                by_root[root] = list(itertools.product(*lists))
    return opts


def _ancestors(rp_id, parents):
    chain = [rp_id]
    while parents.get(rp_id) is not None:
        rp_id = parents[rp_id]
        chain.append(rp_id)
    return chain


def _same_subtree_ok(chosen, same_subtree, parents, lineages):
    """:param lineages: {rp id: its ancestors and itself}, filled here."""
    for suffixes in same_subtree:
        providers = {p for sfx in suffixes for p in chosen[sfx]}
        for p in providers:
            if p not in lineages:
                lineages[p] = frozenset(_ancestors(p, parents))
        if not any(all(top in lineages[p] for p in providers)
                   for top in providers):
            return False
    return True


class _TraitCheck:
    """check(providers): True when together they have a group's traits."""

    def __init__(self, req, rows, group):
        """:param rows: (rp id, trait id) of the traits group names."""
        self.rows = rows
        self.traits = None
        self.required_any = [req.traits(a) for a in group.required_any]
        self.forbidden = req.traits(group.forbidden)
        # Providers that have the required traits on their own (None: any)
        # and those with a forbidden one, by set operations rather than a
        # loop per candidate: most candidates have one provider.
        self.alone_ok = None
        for any_of in self.required_any:
            having = {p for p, t in rows if t in any_of}
            self.alone_ok = having if self.alone_ok is None else (
                self.alone_ok & having)
        self.banned = {p for p, t in rows if t in self.forbidden}
        self.seen = {}

    def __call__(self, providers):
        first = providers[0]
        if providers.count(first) == len(providers):
            return (first not in self.banned and (
                self.alone_ok is None or first in self.alone_ok))
        if self.traits is None:
            self.traits = {}
            for p, t in self.rows:
                self.traits.setdefault(p, set()).add(t)
        key = frozenset(providers)
        ok = self.seen.get(key)
        if ok is None:
            have = set()
            for p in key:
                have.update(self.traits.get(p, ()))
            ok = self.seen[key] = have.isdisjoint(self.forbidden) and not any(
                have.isdisjoint(any_of) for any_of in self.required_any)
        return ok


def get(ctx, groups, group_policy=None, same_subtree=(),
        root_required=((), ()), limit=None, nested=True,
        all_classes=True, want_traits=True, summary_cache=None):
    """Allocation candidates for groups ({suffix: RequestGroup}).

    :param nested: False before microversion 1.29: trees of more than one
        provider are left out.
    :param all_classes: summaries list every class of a provider (1.27).
    :param summary_cache: f(rc names) -> {rp id: (validator, summary)}
        the caller has already built; a summary whose validator still
        matches is returned in Result.cached instead of being read again.
    :returns: a Result.
    """
    result = Result()
    # Providers, trees and capacities are read in separate statements: a
    # provider deleted between them must not be half seen.
    with ctx.db.snapshot_reader() as s:
        result.rc_names = rc_obj.id_to_name(ctx, s)
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
        anchors = {}
        sharing = {row[0] for row in _fetch(s, _SHARING)}
        if sharing:
            sharing &= {r[0] for rows in raw.values() for r in rows}
        if sharing:
            anchors = _sharing_anchors(s, sharing)
        options = {}
        for sfx, g in groups.items():
            amounts = {req.rc_ids[n]: a for n, a in g.resources.items()}
            options[sfx] = _options_for(g, raw[sfx], amounts, sharing,
                                        anchors)
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
        tree_rows = _TREES.rows(s, roots)
        providers = result.providers
        for row in tree_rows:
            providers[row[0]] = row[1:]
        if sharing:
            for row in _fetch(s, _PROVIDERS, {'ids': sorted(sharing)}):
                providers[row[0]] = row[1:]
        if not nested:
            sizes = collections.Counter(row[3] for row in tree_rows)
            roots = {r for r in roots if sizes[r] == 1}
        unsuffixed = groups.get('')
        check_traits = unsuffixed is not None and bool(
            unsuffixed.required_any or unsuffixed.forbidden)
        check = None
        if check_traits:
            wanted = req.traits(unsuffixed.trait_names)
            check = _TraitCheck(req, _TRAITS_OF.rows(
                s, providers.keys(), traits=sorted(wanted)), unsuffixed)
        if len(groups) == 1 and not sharing:
            (sfx, opts), = options.items()
            chosen_roots = _combine_one(result, sfx, opts, roots, check,
                                        limit)
        else:
            parents = {p: v[1] for p, v in providers.items()}
            chosen_roots = _combine(result, options, roots, group_policy,
                                    same_subtree, parents, check, limit,
                                    dedupe=len(groups) > 1 or bool(sharing))
        _summarise(s, result, chosen_roots, nested, all_classes,
                   want_traits, req, summary_cache)
    return result


def _combine_one(result, sfx, opts, roots, check_traits, limit):
    """_combine for one group and no sharing providers, the common case.

    Candidates where one provider has every class are OneProvider.
    """
    rc_ids = opts.rc_ids
    amounts = {rc_id: opts.amounts[rc_id] for rc_id in rc_ids}
    n = len(rc_ids)
    candidates = result.candidates
    used_roots = set()
    for root in sorted(roots):
        for providers in opts.by_root[root]:
            if check_traits and not check_traits(providers):
                continue
            first = providers[0]
            if n == 1 or providers.count(first) == n:
                candidates.append(OneProvider(first, sfx, amounts))
            else:
                allocations = {}
                for rc_id, rp_id in zip(rc_ids, providers):
                    per_rp = allocations.get(rp_id)
                    if per_rp is None:
                        allocations[rp_id] = {rc_id: amounts[rc_id]}
                    else:
                        per_rp[rc_id] = amounts[rc_id]
                candidates.append(Candidate(
                    allocations, {sfx: sorted(set(providers))}))
            # Without sharing providers, every provider is in root's tree.
            used_roots.add(root)
            if limit and len(candidates) >= limit:
                return used_roots
    return used_roots


def _combine(result, options, roots, group_policy, same_subtree, parents,
             check_traits, limit, dedupe):
    """Fill result.candidates tree by tree; the roots used.

    :param check_traits: False, or f(providers) checking the unsuffixed
        group's traits against the providers chosen for it.
    """
    order = sorted(options)
    isolate = group_policy == 'isolate'
    suffixed = [sfx for sfx in order if sfx]
    providers_of = result.providers
    candidates = result.candidates
    used_roots = set()
    seen = set()
    lineages = {}
    groups = [(sfx, options[sfx].rc_ids, options[sfx].amounts)
              for sfx in order]
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
                    chosen, same_subtree, parents, lineages):
                continue
            if check_traits and not check_traits(chosen['']):
                continue
            allocations = {}
            mappings = {}
            merged = False
            for sfx, rc_ids, amounts in groups:
                providers = chosen[sfx]
                if len(providers) == 1 or all(
                        p == providers[0] for p in providers):
                    mappings[sfx] = [providers[0]]
                else:
                    mappings[sfx] = sorted(set(providers))
                if not amounts:
                    continue
                for rc_id, rp_id in zip(rc_ids, providers):
                    per_rp = allocations.get(rp_id)
                    if per_rp is None:
                        allocations[rp_id] = {rc_id: amounts[rc_id]}
                    elif rc_id in per_rp:
                        merged = True
                        per_rp[rc_id] += amounts[rc_id]
                    else:
                        per_rp[rc_id] = amounts[rc_id]
            if dedupe:
                key = (tuple(sorted((p, tuple(sorted(r.items())))
                                    for p, r in allocations.items())),
                       tuple((k, tuple(v)) for k, v in
                             sorted(mappings.items())))
                if key in seen:
                    continue
                seen.add(key)
            candidates.append(Candidate(allocations, mappings, merged))
            used_roots.add(root)
            for p in allocations:
                used_roots.add(providers_of[p][2])
            if limit and len(candidates) >= limit:
                return used_roots
    return used_roots


def _summarise(s, result, roots, nested, all_classes, want_traits,
               req, summary_cache):
    """Capacity, usage and traits of the providers that summaries show,
    read only for those not in the caller's cache."""
    cached = result.summary_cache = (
        summary_cache(result.rc_names) if summary_cache else {})
    if nested:
        # Whole trees: result.providers holds those of the trees read, and
        # sharing providers (whose own tree may not have been read).
        ids = {p for p, row in result.providers.items() if row[2] in roots}
    else:
        ids = set()
    # With trees shown whole, only sharing providers can be outside them.
    if not nested or len(ids) < len(result.providers):
        for c in result.candidates:
            if c.__class__ is OneProvider:
                ids.add(c.rp_id)
            else:
                ids.update(c.allocations)
    if not ids:
        return
    providers = result.providers
    result.summary_ids = sorted(ids)
    validators = result.validators
    need = set()
    hits = result.cached
    for p in result.summary_ids:
        # The provider's row (uuid, parent id, root id, generation,
        # created_at) names its summary's data: a parent or root cannot be
        # deleted before p, so their ids keep their uuids. Whether they are
        # shown depends on this answer (a sharing provider's tree may not
        # be in it).
        validator = row = providers[p]
        if row[1] is not None and row[1] not in providers or \
                row[2] not in providers:
            validator = (row, row[1] in providers, row[2] in providers)
        validators[p] = validator
        hit = cached.get(p)
        if hit is not None and hit[0] == validator:
            hits[p] = hit[1]
        else:
            need.add(p)
    for c in result.candidates:
        if c.merged:
            need.update(c.allocations)
    if not need:
        return
    requested = set(req.rc_ids.values())
    inv_rows = _CAPACITY.rows(s, need)
    summaries = {p: {} for p in need}
    read_at = {}
    for rp_id, generation, rc_id, total, reserved, ratio, use in inv_rows:
        read_at[rp_id] = generation
        if rc_id is None or not all_classes and rc_id not in requested:
            continue
        summaries[rp_id][rc_id] = (int((total - reserved) * ratio),
                                   int(use or 0))
    result.summaries = summaries
    if want_traits:
        trait_rows = _TRAIT_NAMES.rows(s, need)
        traits = result.traits
        for rp_id, generation, name in trait_rows:
            if read_at.get(rp_id) != generation:
                read_at[rp_id] = None
            if name is not None:
                traits.setdefault(rp_id, []).append(name)
    result.storable = {p for p in need
                       if read_at.get(p) == providers[p][3]}
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
