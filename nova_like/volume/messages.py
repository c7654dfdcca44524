# SPDX-License-Identifier: Apache-2.0
"""User messages: what failed on a volume, in words for its owner.

Cinder's user messages (GET /v3/{project_id}/messages, 3.3): the volume
goes to error (or back to available) and the reason is here, since a
volume body has no field for it.
"""

import datetime

import sqlalchemy as sa
from oslo_utils import uuidutils

from nova_like.volume.db import models

# Cinder's event ids of the failures this service records.
CREATE_FAILED = 'VOLUME_VOLUME_001_003'
EXTEND_FAILED = 'VOLUME_VOLUME_015_002'
DELETE_FAILED = 'VOLUME_VOLUME_002_003'
TIMED_OUT = 'VOLUME_VOLUME_001_008'
SNAPSHOT_FAILED = 'VOLUME_SNAPSHOT_004_001'
ATTACH_FAILED = 'VOLUME_VOLUME_002_002'
KEEP_DAYS = 30


def record(session, project_id, resource_uuid, event_id, text,
           resource_type='VOLUME', request_id=None):
    now = models.utcnow()
    session.add(models.Message(
        id=uuidutils.generate_uuid(), project_id=project_id,
        resource_type=resource_type, resource_uuid=resource_uuid,
        event_id=event_id, message_level='ERROR',
        user_message=text[:1024], request_id=request_id, created_at=now,
        expires_at=now + datetime.timedelta(days=KEEP_DAYS)))


def for_resource(session, resource_uuid):
    """The messages of one resource, newest first."""
    return list(session.execute(sa.select(models.Message).where(
        models.Message.resource_uuid == resource_uuid).order_by(
        models.Message.created_at.desc())).scalars())


def list_for(session, project_id):
    query = sa.select(models.Message).order_by(
        models.Message.created_at.desc())
    if project_id is not None:
        query = query.where(models.Message.project_id == project_id)
    return list(session.execute(query).scalars())


def get(session, message_id):
    return session.get(models.Message, message_id)


def delete(session, message_id):
    session.execute(sa.delete(models.Message).where(
        models.Message.id == message_id))
