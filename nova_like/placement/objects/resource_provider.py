# SPDX-License-Identifier: Apache-2.0
"""Resource providers: nested trees, generations and the list filters."""

import sqlalchemy as sa

from nova_like.db import engine
from nova_like.placement.db import api as db_api
from nova_like.placement.db import models
from nova_like.placement import errors
from nova_like.placement import util

_RP = models.RP
_INV = models.INV
_ALLOC = models.ALLOC
_RPT = models.RP_TRAIT
_RPA = models.RP_AGG
_AGG = models.AGG


class ResourceProvider:
    """A provider row, with its parent and root uuids."""

    __slots__ = ('id', 'uuid', 'name', 'generation', 'parent_provider_id',
                 'root_provider_id', 'parent_provider_uuid',
                 'root_provider_uuid', 'created_at', 'updated_at')

    def __init__(self, **kw):
        for key in self.__slots__:
            setattr(self, key, kw.get(key))


_PARENT = _RP.alias('parent')
_ROOT = _RP.alias('root')
_COLUMNS = (_RP.c.id, _RP.c.uuid, _RP.c.name, _RP.c.generation,
            _RP.c.parent_provider_id, _RP.c.root_provider_id,
            _PARENT.c.uuid.label('parent_provider_uuid'),
            _ROOT.c.uuid.label('root_provider_uuid'),
            _RP.c.created_at, _RP.c.updated_at)


def _select():
    return sa.select(*_COLUMNS).select_from(
        _RP.outerjoin(_PARENT, _PARENT.c.id == _RP.c.parent_provider_id)
        .outerjoin(_ROOT, _ROOT.c.id == _RP.c.root_provider_id))


def _from_row(row):
    return ResourceProvider(**row._mapping)


def get_by_uuid_in(s, uuid):
    """The provider with uuid, read in session s; 404 when absent."""
    row = s.execute(_select().where(_RP.c.uuid == uuid)).first()
    if row is None:
        raise errors.provider_not_found(uuid)
    return _from_row(row)


def get_by_uuid(ctx, uuid):
    with ctx.db.reader() as s:
        return get_by_uuid_in(s, uuid)


def bump_generation(s, rp, expected):
    """Compare-and-swap the generation; 409 concurrent_update on mismatch."""
    result = s.execute(
        sa.update(_RP)
        .where(_RP.c.id == rp.id, _RP.c.generation == expected)
        .values(generation=_RP.c.generation + 1, updated_at=util.utcnow()))
    if result.rowcount != 1:
        raise errors.provider_generation_conflict(rp.uuid)
    rp.generation = expected + 1
    return rp.generation


# --- filters shared by GET /resource_providers and allocation candidates

def trait_clauses(rp_id_col, required_any, forbidden):
    """WHERE clauses: every any-of set of trait ids present, none forbidden."""
    clauses = []
    for any_of in required_any:
        clauses.append(rp_id_col.in_(
            sa.select(_RPT.c.resource_provider_id).where(
                _RPT.c.trait_id.in_(sorted(any_of)))))
    if forbidden:
        clauses.append(rp_id_col.not_in(
            sa.select(_RPT.c.resource_provider_id).where(
                _RPT.c.trait_id.in_(sorted(forbidden)))))
    return clauses


def aggregate_ids(s, uuids):
    if not uuids:
        return {}
    return dict(s.execute(sa.select(_AGG.c.uuid, _AGG.c.id).where(
        _AGG.c.uuid.in_(sorted(uuids)))).all())


def aggregate_clauses(s, rp_id_col, root_id_col, member_of, forbidden):
    """WHERE clauses for member_of any-of sets and forbidden aggregates.

    A provider is in an aggregate when it or its root provider is.
    """
    clauses = []
    for any_of in member_of:
        ids = sorted(aggregate_ids(s, any_of).values())
        if not ids:
            clauses.append(sa.false())
            continue
        members = sa.select(_RPA.c.resource_provider_id).where(
            _RPA.c.aggregate_id.in_(ids))
        clauses.append(sa.or_(rp_id_col.in_(members),
                              root_id_col.in_(members)))
    ids = sorted(aggregate_ids(s, forbidden).values())
    if ids:
        members = sa.select(_RPA.c.resource_provider_id).where(
            _RPA.c.aggregate_id.in_(ids))
        clauses.append(rp_id_col.not_in(members))
        clauses.append(root_id_col.not_in(members))
    return clauses


def capacity_select(rc_id, amount, check_units=True):
    """SELECT the (provider id, root id) of providers with room for amount."""
    used = sa.select(_ALLOC.c.resource_provider_id,
                     sa.func.sum(_ALLOC.c.used).label('used')).where(
        _ALLOC.c.resource_class_id == rc_id).group_by(
        _ALLOC.c.resource_provider_id).subquery()
    q = sa.select(_INV.c.resource_provider_id, _RP.c.root_provider_id) \
        .select_from(_INV.join(_RP, _RP.c.id == _INV.c.resource_provider_id)
                     .outerjoin(used, used.c.resource_provider_id
                                == _INV.c.resource_provider_id)) \
        .where(_INV.c.resource_class_id == rc_id,
               (_INV.c.total - _INV.c.reserved) * _INV.c.allocation_ratio
               >= amount + sa.func.coalesce(used.c.used, 0))
    if check_units:
        q = q.where(_INV.c.min_unit <= amount, _INV.c.max_unit >= amount,
                    sa.literal(amount) % _INV.c.step_size == 0)
    return q


def get_all(ctx, name=None, uuid=None, member_of=(), forbidden_aggs=(),
            in_tree=None, resources=None, required_any=(),
            forbidden_traits=()):
    """Providers matching every filter given, ordered by id."""
    with ctx.db.reader() as s:
        q = _select()
        if name is not None:
            q = q.where(_RP.c.name == name)
        if uuid is not None:
            q = q.where(_RP.c.uuid == uuid)
        if in_tree is not None:
            root = s.execute(sa.select(_RP.c.root_provider_id).where(
                _RP.c.uuid == in_tree)).scalar()
            if root is None:
                return []
            q = q.where(_RP.c.root_provider_id == root)
        for clause in aggregate_clauses(s, _RP.c.id, _RP.c.root_provider_id,
                                        member_of, forbidden_aggs):
            q = q.where(clause)
        for clause in trait_clauses(_RP.c.id, required_any,
                                    forbidden_traits):
            q = q.where(clause)
        for rc_id, amount in (resources or {}).items():
            q = q.where(_RP.c.id.in_(
                capacity_select(rc_id, amount, check_units=False)
                .with_only_columns(_INV.c.resource_provider_id)))
        return [_from_row(r) for r in s.execute(q.order_by(_RP.c.id))]


def _duplicate(s, name, uuid):
    if s.execute(sa.select(_RP.c.id).where(_RP.c.uuid == uuid)).first():
        return errors.Conflict('Conflicting resource provider uuid: %s '
                               'already exists.' % uuid,
                               code=errors.DUPLICATE_NAME)
    return errors.Conflict('Conflicting resource provider name: %s already '
                           'exists.' % name, code=errors.DUPLICATE_NAME)


def _parent_in(s, parent_uuid):
    parent = s.execute(_select().where(_RP.c.uuid == parent_uuid)).first()
    if parent is None:
        raise errors.BadRequest('parent provider UUID %s does not exist'
                                % parent_uuid)
    return _from_row(parent)


@db_api.retry_on_deadlock
def create(ctx, uuid, name, parent_uuid=None):
    """Create a provider (a root, or a child of parent_uuid)."""
    try:
        with ctx.db.writer() as s:
            if s.execute(sa.select(_RP.c.id).where(sa.or_(
                    _RP.c.uuid == uuid, _RP.c.name == name))).first():
                raise _duplicate(s, name, uuid)
            parent = _parent_in(s, parent_uuid) if parent_uuid else None
            rp_id = s.execute(sa.insert(_RP).values(
                uuid=uuid, name=name, generation=0,
                parent_provider_id=parent.id if parent else None,
                root_provider_id=parent.root_provider_id if parent else None,
                created_at=util.utcnow())).inserted_primary_key[0]
            if parent is None:
                s.execute(sa.update(_RP).where(_RP.c.id == rp_id).values(
                    root_provider_id=rp_id))
    except sa.exc.IntegrityError as exc:
        if not engine.is_duplicate(exc):
            raise
        with ctx.db.reader() as s:
            raise _duplicate(s, name, uuid)
    return get_by_uuid(ctx, uuid)


def _descendant_ids(s, rp_id):
    """Ids of every provider below rp_id (not including it)."""
    found, frontier = set(), {rp_id}
    while frontier:
        children = set(s.scalars(sa.select(_RP.c.id).where(
            _RP.c.parent_provider_id.in_(sorted(frontier)))).all())
        frontier = children - found
        found |= children
    return found


@db_api.retry_on_deadlock
def update(ctx, uuid, name, parent_uuid, reparent_allowed):
    """Rename a provider and/or give it a new parent.

    :param parent_uuid: the wanted parent; None keeps or removes it
        depending on reparent_allowed (microversion 1.37).
    """
    try:
        with ctx.db.writer() as s:
            rp = get_by_uuid_in(s, uuid)
            values = {'name': name, 'updated_at': util.utcnow()}
            if parent_uuid != rp.parent_provider_uuid:
                if not reparent_allowed and rp.parent_provider_uuid:
                    raise errors.BadRequest(
                        'Unable to update resource provider %s: re-parenting'
                        ' a provider is not currently allowed.' % uuid)
                if not reparent_allowed and parent_uuid is None:
                    parent_uuid = rp.parent_provider_uuid
            if parent_uuid != rp.parent_provider_uuid:
                below = _descendant_ids(s, rp.id)
                if parent_uuid is None:
                    new_root, parent_id = rp.id, None
                else:
                    parent = _parent_in(s, parent_uuid)
                    if parent.id == rp.id or parent.id in below:
                        raise errors.BadRequest(
                            'Unable to update resource provider %s: creating'
                            ' loop in the provider tree is not allowed.'
                            % uuid)
                    new_root, parent_id = parent.root_provider_id, parent.id
                values['parent_provider_id'] = parent_id
                values['root_provider_id'] = new_root
                if below:
                    s.execute(sa.update(_RP).where(
                        _RP.c.id.in_(sorted(below))).values(
                        root_provider_id=new_root))
            # The generation moves so that caches keyed on it (the nova
            # report client's) notice a rename or a new parent.
            s.execute(sa.update(_RP).where(_RP.c.id == rp.id).values(
                generation=_RP.c.generation + 1, **values))
    except sa.exc.IntegrityError as exc:
        if not engine.is_duplicate(exc):
            raise
        raise errors.Conflict('Conflicting resource provider name: %s '
                              'already exists.' % name,
                              code=errors.DUPLICATE_NAME)
    return get_by_uuid(ctx, uuid)


@db_api.retry_on_deadlock
def destroy(ctx, uuid):
    """Delete a provider with no allocations and no children."""
    with ctx.db.writer() as s:
        rp = get_by_uuid_in(s, uuid)
        if s.execute(sa.select(_ALLOC.c.id).where(
                _ALLOC.c.resource_provider_id == rp.id).limit(1)).first():
            raise errors.Conflict(
                'Unable to delete resource provider %s: Resource provider '
                'has allocations.' % uuid, code=errors.PROVIDER_IN_USE)
        if s.execute(sa.select(_RP.c.id).where(
                _RP.c.parent_provider_id == rp.id).limit(1)).first():
            raise errors.Conflict(
                'Unable to delete parent resource provider %s: It has child'
                ' resource providers.' % uuid,
                code=errors.PROVIDER_CANNOT_DELETE_PARENT)
        for table in (_INV, _RPT, _RPA):
            s.execute(sa.delete(table).where(
                table.c.resource_provider_id == rp.id))
        result = s.execute(sa.delete(_RP).where(
            _RP.c.id == rp.id, _RP.c.generation == rp.generation))
        if result.rowcount != 1:
            raise errors.provider_generation_conflict(uuid)
