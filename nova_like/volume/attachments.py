# SPDX-License-Identifier: Apache-2.0
"""Attachment rows and the volume states they drive, by compare-and-swap.

An attachment (Cinder's volume_attachment) goes

    reserved --update(connector)--> attaching --complete--> attached
    reserved, attaching, attached, error_attaching --delete--> detaching
    detaching --(target removed)--> (row gone)
    attaching --(export failed, or past the deadline)--> error_attaching

and its volume follows its attachments (settle()): in-use when one is
attached, else attaching, detaching or reserved when one is, else
available. Reserving a volume that is not multiattach is one
UPDATE volumes ... WHERE status = 'available': of two concurrent
creates one wins, the other is the 400 Cinder answers.
"""

import sqlalchemy as sa
from oslo_utils import uuidutils

from nova_like.volume.db import models
from nova_like.volume import errors

T = models.VolumeAttachment
UPDATABLE = ('reserved', 'attaching', 'attached', 'error_attaching')
DELETABLE = UPDATABLE + ('detaching',)
# Volume statuses the attachments decide; other statuses (error, set by
# an admin's os-reset_status...) are left alone by settle().
DRIVEN = ('available', 'reserved', 'attaching', 'in-use', 'detaching')
# (attachment status, volume status, volume attach_status), strongest
# first: a volume with one attached attachment is in-use whatever the
# others do.
_PRECEDENCE = (('attached', 'in-use', 'attached'),
               ('attaching', 'attaching', 'attaching'),
               ('detaching', 'detaching', 'detaching'),
               ('reserved', 'reserved', 'reserved'))


def volume_state(statuses):
    """(status, attach_status) of a volume whose attachments have these
    statuses."""
    statuses = set(statuses)
    for attach_status, status, volume_attach in _PRECEDENCE:
        if attach_status in statuses:
            return status, volume_attach
    return 'available', 'detached'


def get(session, attachment_id):
    row = session.get(T, attachment_id)
    if row is None:
        raise errors.AttachmentNotFound(attachment_id=attachment_id)
    return row


def of_volume(session, volume_id):
    return list(session.execute(sa.select(T).where(
        T.volume_id == volume_id).order_by(T.created_at, T.id)).scalars())


def of_volumes(session, volume_ids):
    """{volume_id: [attached attachments]} (what volume views show)."""
    found = {}
    if not volume_ids:
        return found
    for row in session.execute(sa.select(T).where(
            T.volume_id.in_(list(volume_ids)),
            T.attach_status == 'attached')).scalars():
        found.setdefault(row.volume_id, []).append(row)
    return found


def mark(session, attachment_id, from_statuses, status, **values):
    """Move an attachment to status if it is in from_statuses; True when
    this call moved it."""
    now = models.utcnow()
    result = session.execute(
        sa.update(T).where(T.id == attachment_id,
                           T.attach_status.in_(from_statuses))
        .values(attach_status=status, status_changed_at=now,
                updated_at=now, **values)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def settle(session, volume_id):
    """Set the volume's status from its attachments (compare-and-swap on
    the status read, retried); the status it has now."""
    for _ in range(5):
        row = session.execute(sa.select(
            models.Volume.status, models.Volume.attach_status).where(
            models.Volume.id == volume_id)).first()
        if row is None or row.status not in DRIVEN:
            return row.status if row else None
        statuses = session.execute(sa.select(T.attach_status).where(
            T.volume_id == volume_id)).scalars()
        status, attach_status = volume_state(statuses)
        if (status, attach_status) == tuple(row):
            return status
        now = models.utcnow()
        result = session.execute(
            sa.update(models.Volume).where(
                models.Volume.id == volume_id,
                models.Volume.status == row.status)
            .values(status=status, attach_status=attach_status,
                    status_changed_at=now, updated_at=now)
            .execution_options(synchronize_session=False))
        if result.rowcount == 1:
            return status
    raise errors.InvalidVolume(
        reason='Volume %s changed status meanwhile; try again.' % volume_id)


def reserve(session, volume, instance_uuid, ctx, attach_mode='rw'):
    """A new reserved attachment of volume (a row read in session).

    The volume goes available -> reserved by compare-and-swap. A volume
    that is not multiattach and already has an attachment is refused
    with Cinder's message, unless the attachment is the same server's
    (a server moving to another host attaches its volume twice).

    :raises InvalidVolume: (400) when the volume may not be reserved
    """
    now = models.utcnow()
    volumes_t = models.Volume
    result = session.execute(
        sa.update(volumes_t).where(volumes_t.id == volume.id,
                                   volumes_t.status == 'available')
        .values(status='reserved', attach_status='reserved',
                status_changed_at=now, updated_at=now)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1 and volume.multiattach:
        # Already held: its status stays what its attachments make it;
        # the update only checks (and locks) it.
        result = session.execute(
            sa.update(volumes_t).where(
                volumes_t.id == volume.id,
                volumes_t.status.in_(('in-use', 'reserved', 'attaching')))
            .values(updated_at=now)
            .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        session.refresh(volume)
        same_server = instance_uuid and volume.status in (
            'in-use', 'reserved', 'attaching') and any(
            a.instance_uuid == instance_uuid
            for a in of_volume(session, volume.id))
        if not same_server:
            raise errors.InvalidVolume(
                reason='Volume %s status must be %s to reserve, but the '
                'current status is %s.' % (
                    volume.id, 'available or downloading'
                    if not volume.multiattach else
                    'available, in-use or downloading', volume.status))
    row = T(id=uuidutils.generate_uuid(), volume_id=volume.id,
            project_id=volume.project_id, user_id=ctx.user_id,
            instance_uuid=instance_uuid, volume_host=volume.host,
            attach_status='reserved', status_changed_at=now,
            attach_mode=attach_mode, created_at=now)
    session.add(row)
    session.flush()
    return row


def begin_detaching(session, attachment_id):
    """The attachment to detaching (from any state), and its volume
    settled; the row, or None when it is gone."""
    row = session.get(T, attachment_id)
    if row is None:
        return None
    if row.attach_status != 'detaching':
        if not mark(session, attachment_id, DELETABLE, 'detaching'):
            return None
        session.refresh(row)
    settle(session, row.volume_id)
    return row


def finish_detaching(session, attachment_id):
    """Remove a detaching attachment's row and settle its volume; True
    when it was there."""
    row = session.get(T, attachment_id)
    if row is None or row.attach_status != 'detaching':
        return False
    volume_id = row.volume_id
    session.execute(sa.delete(T).where(
        T.id == attachment_id, T.attach_status == 'detaching'))
    session.expunge(row)
    settle(session, volume_id)
    return True


def complete(session, attachment_id):
    """attaching -> attached, the volume in-use (3.44 os-complete).

    :raises InvalidAttachment: (400) when the attachment has no
        connection yet (it was never updated with a connector)
    """
    row = get(session, attachment_id)
    if row.attach_status == 'attached':
        return row
    if row.attach_status != 'attaching' or not row.connection_info:
        raise errors.InvalidAttachment(
            reason='Attachment %s is %s: only an attachment updated with '
            'a connector (attaching) can be completed.'
            % (attachment_id, row.attach_status))
    if not mark(session, attachment_id, ['attaching'], 'attached',
                attach_time=models.utcnow()):
        raise errors.InvalidAttachment(
            reason='Attachment %s changed status meanwhile; try again.'
            % attachment_id)
    settle(session, row.volume_id)
    session.refresh(row)
    return row


def expired(session, host, statuses, before):
    """Attachments of volumes of host in statuses since before."""
    return list(session.execute(sa.select(T).where(
        T.volume_host == host, T.attach_status.in_(statuses),
        T.status_changed_at < before)).scalars())


def list_rows(session, project_id, filters):
    """Attachments of project_id (every project's with None), filtered
    on instance_id, volume_id, attach_status; oldest first."""
    query = sa.select(T).order_by(T.created_at, T.id)
    if project_id is not None:
        query = query.where(T.project_id == project_id)
    for key, column in (('instance_id', T.instance_uuid),
                        ('volume_id', T.volume_id),
                        ('attach_status', T.attach_status)):
        if key in filters:
            query = query.where(column == filters[key])
    return list(session.execute(query).scalars())


def by_instance(session):
    """{instance uuid: [(attachment id, volume host)]} of every
    attachment that names a server (the conductor's volume audit)."""
    found = {}
    for row in session.execute(sa.select(
            T.instance_uuid, T.id, T.volume_host).where(
            T.instance_uuid.is_not(None))).all():
        found.setdefault(row.instance_uuid, []).append([row.id,
                                                       row.volume_host])
    return found
