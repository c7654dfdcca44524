# SPDX-License-Identifier: Apache-2.0
"""Aggregates: the provider groups that sharing and member_of use."""

import sqlalchemy as sa

from nova_like.db import engine
from nova_like.placement.db import api as db_api
from nova_like.placement.db import models
from nova_like.placement.objects import resource_provider as rp_obj
from nova_like.placement import util

_AGG = models.AGG
_RPA = models.RP_AGG


def uuids_for_provider_in(s, rp_id):
    return sorted(s.scalars(sa.select(_AGG.c.uuid).join(
        _RPA, _RPA.c.aggregate_id == _AGG.c.id).where(
        _RPA.c.resource_provider_id == rp_id)).all())


def get_for_provider(ctx, uuid):
    """(provider, [aggregate uuids])."""
    with ctx.db.reader() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        return rp, uuids_for_provider_in(s, rp.id)


def _ensure_aggregates(db, uuids):
    """Create the aggregate rows that do not exist yet (own transaction)."""
    for attempt in range(5):
        try:
            with db.writer() as s:
                known = set(rp_obj.aggregate_ids(s, uuids))
                missing = [{'uuid': u} for u in sorted(set(uuids) - known)]
                if missing:
                    s.execute(sa.insert(_AGG), missing)
            return
        except sa.exc.IntegrityError as exc:
            if not engine.is_duplicate(exc) or attempt == 4:
                raise


def replace_in(s, rp_id, uuids):
    ids = rp_obj.aggregate_ids(s, uuids)
    s.execute(sa.delete(_RPA).where(_RPA.c.resource_provider_id == rp_id))
    now = util.utcnow()
    if ids:
        s.execute(sa.insert(_RPA), [
            {'resource_provider_id': rp_id, 'aggregate_id': i,
             'created_at': now} for i in sorted(set(ids.values()))])


@db_api.retry_on_deadlock
def set_for_provider(ctx, uuid, uuids, generation=None):
    """Replace the provider's aggregates; check generation when given."""
    _ensure_aggregates(ctx.db, uuids)
    with ctx.db.writer() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        if generation is not None:
            rp_obj.bump_generation(s, rp, generation)
        replace_in(s, rp.id, uuids)
    return rp
