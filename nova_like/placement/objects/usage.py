# SPDX-License-Identifier: Apache-2.0
"""Usages: what is allocated, per provider and per project/user."""

import sqlalchemy as sa

from nova_like.placement.db import models
from nova_like.placement.objects import resource_class as rc_obj
from nova_like.placement.objects import resource_provider as rp_obj

_A = models.ALLOC
_INV = models.INV
_C = models.CONSUMER
_P = models.PROJECT
_U = models.USER
_CT = models.CONSUMER_TYPE
UNKNOWN_TYPE = 'unknown'


def get_for_provider(ctx, uuid):
    """(provider, {class: used}) with a 0 for every class in its inventory."""
    names = rc_obj.id_to_name(ctx)
    with ctx.db.reader() as s:
        rp = rp_obj.get_by_uuid_in(s, uuid)
        usages = {names[i]: 0 for i in s.scalars(sa.select(
            _INV.c.resource_class_id).where(
            _INV.c.resource_provider_id == rp.id))}
        for rc_id, used in s.execute(
                sa.select(_A.c.resource_class_id, sa.func.sum(_A.c.used))
                .where(_A.c.resource_provider_id == rp.id)
                .group_by(_A.c.resource_class_id)):
            usages[names[rc_id]] = int(used)
    return rp, usages


def get_for_project(ctx, project_id, user_id=None, consumer_type=None,
                    by_type=False):
    """Usages of a project (and user).

    :returns: {class: used}, or with by_type {type: {class: used,
        'consumer_count': n}} where type 'all' sums every type.
    """
    names = rc_obj.id_to_name(ctx)
    type_name = sa.func.coalesce(_CT.c.name, UNKNOWN_TYPE)
    base = _A.join(_C, _C.c.uuid == _A.c.consumer_id) \
        .join(_P, _P.c.id == _C.c.project_id) \
        .join(_U, _U.c.id == _C.c.user_id) \
        .outerjoin(_CT, _CT.c.id == _C.c.consumer_type_id)
    where = [_P.c.external_id == project_id]
    if user_id is not None:
        where.append(_U.c.external_id == user_id)
    if consumer_type not in (None, 'all'):
        where.append(type_name == consumer_type)
    with ctx.db.reader() as s:
        sums = s.execute(sa.select(type_name, _A.c.resource_class_id,
                                   sa.func.sum(_A.c.used))
                         .select_from(base).where(*where)
                         .group_by(type_name, _A.c.resource_class_id)).all()
        counts = s.execute(sa.select(type_name, sa.func.count(
            sa.distinct(_C.c.id))).select_from(base).where(*where)
            .group_by(type_name)).all()
    if not by_type:
        usages = {}
        for _t, rc_id, used in sums:
            usages[names[rc_id]] = usages.get(names[rc_id], 0) + int(used)
        return usages
    if consumer_type == 'all':
        total = {'consumer_count': sum(c for _t, c in counts)}
        for _t, rc_id, used in sums:
            total[names[rc_id]] = total.get(names[rc_id], 0) + int(used)
        return {'all': total} if counts else {}
    result = {t: {'consumer_count': c} for t, c in counts}
    for t, rc_id, used in sums:
        result[t][names[rc_id]] = int(used)
    return result
