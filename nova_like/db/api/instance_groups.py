# SPDX-License-Identifier: Apache-2.0
"""Server (instance) groups in the API database.

Policy, rules, members and the late-check placement.
"""

import sqlalchemy as sa
from oslo_serialization import jsonutils

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import base
from nova_like.db import engine
from nova_like import exception

_G = models.InstanceGroup
_P = models.InstanceGroupPolicy
_M = models.InstanceGroupMember


def _full(session, row):
    value = base.model_dict(row)
    policy = session.scalars(sa.select(_P).where(_P.group_id == row.id)
                             .order_by(_P.id)).first()
    value['policy'] = policy.policy if policy else None
    value['rules'] = jsonutils.loads(policy.rules) if policy and \
        policy.rules else {}
    members = session.execute(sa.select(_M.instance_uuid, _M.host).where(
        _M.group_id == row.id).order_by(_M.id)).all()
    value['members'] = [uuid for uuid, _host in members]
    value['hosts'] = {uuid: host for uuid, host in members if host}
    return value


def _row(session, uuid):
    row = session.scalars(sa.select(_G).where(_G.uuid == uuid)).first()
    if row is None:
        raise exception.InstanceGroupNotFound(group_uuid=uuid)
    return row


@engine.retry_on_deadlock
def instance_group_create(values, policy, rules=None):
    with database.writer() as session:
        row = _G(generation=0, **values)
        session.add(row)
        session.flush()
        session.add(_P(group_id=row.id, policy=policy,
                       rules=jsonutils.dumps(rules or {})))
        session.flush()
        return _full(session, row)


def instance_group_get_by_uuid(uuid):
    with database.reader() as session:
        return _full(session, _row(session, uuid))


def instance_group_get_by_instance(instance_uuid):
    with database.reader() as session:
        row = session.scalars(sa.select(_G).join(
            _M, _M.group_id == _G.id).where(
                _M.instance_uuid == instance_uuid)).first()
        if row is None:
            raise exception.InstanceGroupNotFound(group_uuid=instance_uuid)
        return _full(session, row)


def instance_group_get_all(project_id=None):
    with database.reader() as session:
        query = sa.select(_G).order_by(_G.id)
        if project_id is not None:
            query = query.where(_G.project_id == project_id)
        return [_full(session, row) for row in session.scalars(query)]


@engine.retry_on_deadlock
def instance_group_delete(uuid):
    with database.writer() as session:
        row = _row(session, uuid)
        for model in (_P, _M):
            session.execute(sa.delete(model).where(model.group_id == row.id))
        session.delete(row)


@engine.retry_on_deadlock
def instance_group_members_add(uuid, instance_uuids):
    with database.writer() as session:
        row = _row(session, uuid)
        for instance_uuid in instance_uuids:
            session.add(_M(group_id=row.id, instance_uuid=instance_uuid))
        session.flush()
        return _full(session, row)


@engine.retry_on_deadlock
def instance_group_member_delete(instance_uuid):
    """Forget instance_uuid in whichever group holds it."""
    with database.writer() as session:
        session.execute(sa.delete(_M).where(_M.instance_uuid == instance_uuid))


class _Lost(Exception):
    """Another placement bumped the group's generation first."""


def instance_group_place_member(uuid, instance_uuid, host, check,
                                attempts=20):
    """Record that instance_uuid runs on host if check allows it.

    The member's host is written together with a compare-and-swap of the
    group's generation, so of two concurrent placements one sees the
    other's host (and re-checks) instead of both passing.

    :param check: callable(group dict, [hosts of the other members]) ->
        None to allow, or the reason to refuse.
    :returns: None when placed, else check's reason.
    :raises: InstanceGroupNotFound.
    """
    for _attempt in range(attempts):
        try:
            return _place_once(uuid, instance_uuid, host, check)
        except _Lost:
            continue
    return ('the server group %s changed under %d concurrent placements; '
            'gave up' % (uuid, attempts))


@engine.retry_on_deadlock
def _place_once(uuid, instance_uuid, host, check):
    with database.writer() as session:
        row = _row(session, uuid)
        group = _full(session, row)
        others = [h for member, h in group['hosts'].items()
                  if member != instance_uuid]
        reason = check(group, others)
        if reason:
            return reason
        result = session.execute(
            sa.update(_G).where(_G.id == row.id,
                                _G.generation == group['generation'])
            .values(generation=group['generation'] + 1))
        if result.rowcount != 1:
            raise _Lost()
        session.execute(sa.update(_M).where(
            _M.group_id == row.id, _M.instance_uuid == instance_uuid)
            .values(host=host))
        return None


def instance_group_count_by_project(project_id):
    with database.reader() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(_G)
                              .where(_G.project_id == project_id))
