# SPDX-License-Identifier: Apache-2.0
"""Instance actions of a cell and their events.

What was asked of a server, and how each step went.
"""

import sqlalchemy as sa

from nova_like.db import base
from nova_like.db import engine
from nova_like.db.main import database
from nova_like.db.main import models
from nova_like import exception


def action_start(context, values):
    """Record the start of an action (a row of instance_actions)."""
    values = dict(values)
    values.setdefault('start_time', base.utcnow())
    values.setdefault('updated_at', values['start_time'])
    return database.create(context, models.InstanceAction, values,
                           'Instance action', values.get('request_id'))


def _action_query(instance_uuid, request_id):
    return (sa.select(models.InstanceAction)
            .where(models.InstanceAction.instance_uuid == instance_uuid,
                   models.InstanceAction.request_id == request_id,
                   models.InstanceAction.deleted == 0)
            .order_by(models.InstanceAction.id.desc()))


def _action_row(session, instance_uuid, request_id):
    """:raises: InstanceActionNotFound."""
    row = session.scalars(_action_query(instance_uuid, request_id)).first()
    if row is None:
        raise exception.InstanceActionNotFound(request_id=request_id,
                                               instance_uuid=instance_uuid)
    return row


def action_get_by_request_id(context, instance_uuid, request_id):
    """The action of request_id on the instance.

    :raises: InstanceActionNotFound.
    """
    with database.reader(context) as session:
        row = _action_row(session, instance_uuid, request_id)
        return base.model_dict(row)


@engine.retry_on_deadlock
def action_finish(context, instance_uuid, request_id, values):
    """Set finish_time (and message) of the action of request_id."""
    with database.writer(context) as session:
        row = _action_row(session, instance_uuid, request_id)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = base.utcnow()
        session.flush()
        return base.model_dict(row)


def actions_get(context, instance_uuid, limit=None, marker=None,
                filters=None):
    """Actions on the instance, newest first, after the marker request_id.

    :param filters: 'changes-since' / 'changes-before' bounds on
        updated_at.
    :raises: InstanceActionNotFound when no action has the marker.
    """
    model = models.InstanceAction
    filters = filters or {}
    query = sa.select(model).where(model.instance_uuid == instance_uuid,
                                   model.deleted == 0)
    if filters.get('changes-since') is not None:
        query = query.where(model.updated_at >= filters['changes-since'])
    if filters.get('changes-before') is not None:
        query = query.where(model.updated_at <= filters['changes-before'])
    with database.reader(context) as session:
        if marker is not None:
            marker_row = _action_row(session, instance_uuid, marker)
            query = query.where(sa.or_(
                model.created_at < marker_row.created_at,
                sa.and_(model.created_at == marker_row.created_at,
                        model.id < marker_row.id)))
        query = query.order_by(model.created_at.desc(), model.id.desc())
        if limit is not None:
            query = query.limit(limit)
        return [base.model_dict(r) for r in session.scalars(query)]


@engine.retry_on_deadlock
def action_event_start(context, instance_uuid, request_id, values):
    """Record the start of one event of the action of request_id.

    :raises: InstanceActionNotFound.
    """
    with database.writer(context) as session:
        action = _action_row(session, instance_uuid, request_id)
        row = models.InstanceActionEvent(action_id=action.id, **values)
        session.add(row)
        # The action's updated_at says when anything last happened to it.
        action.updated_at = base.utcnow()
        session.flush()
        return base.model_dict(row)


@engine.retry_on_deadlock
def action_event_finish(context, instance_uuid, request_id, event, values):
    """Finish the newest unfinished event named event of the action.

    :raises: InstanceActionNotFound, InstanceActionEventNotFound.
    """
    with database.writer(context) as session:
        action = _action_row(session, instance_uuid, request_id)
        row = session.scalars(
            sa.select(models.InstanceActionEvent)
            .where(models.InstanceActionEvent.action_id == action.id,
                   models.InstanceActionEvent.event == event,
                   models.InstanceActionEvent.deleted == 0)
            .order_by(models.InstanceActionEvent.id.desc())).first()
        if row is None:
            raise exception.InstanceActionEventNotFound(action_id=action.id,
                                                        event=event)
        for key, value in values.items():
            setattr(row, key, value)
        if values.get('result', '').lower() == 'error':
            action.message = 'Error'
        action.updated_at = base.utcnow()
        session.flush()
        return base.model_dict(row)


def action_events_get(context, action_id):
    """Events of action action_id, newest first."""
    model = models.InstanceActionEvent
    with database.reader(context) as session:
        rows = session.scalars(
            sa.select(model).where(model.action_id == action_id,
                                   model.deleted == 0)
            .order_by(model.created_at.desc(), model.id.desc()))
        return [base.model_dict(r) for r in rows]
