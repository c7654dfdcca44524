# SPDX-License-Identifier: Apache-2.0
"""No volume stays in a transition forever.

A volume in creating, extending or deleting whose status is older than
[volume] transition_timeout is moved to error, error_extending or
error_deleting, with a user message saying it timed out; so is a
snapshot in creating or deleting (to error or error_deleting). The volume
manager runs this for its own host when it starts and every [volume]
periodic_interval seconds; sweep_attachments() does the same for
attachments (docs/volumes.md, "Attachments"). A manager that finishes
the work after the deadline finds the status changed and leaves it (its
compare-and-swap fails): the owner deletes the volume in error, which
removes its file.
"""

import datetime
import logging

import sqlalchemy as sa

from nova_like.volume import attachments
from nova_like.volume.db import models
from nova_like.volume import exports
from nova_like.volume import messages
from nova_like.volume import snapshots
from nova_like.volume import volumes

LOG = logging.getLogger(__name__)


def expired(session, host, timeout, now=None, table=models.Volume,
            statuses=volumes.TRANSITIONS):
    """(id, status, project_id) of host's rows past the deadline."""
    now = now or models.utcnow()
    before = now - datetime.timedelta(seconds=timeout)
    return session.execute(sa.select(
        table.id, table.status, table.project_id).where(
        table.host == host, table.status.in_(statuses),
        table.status_changed_at < before)).all()


def sweep(db, host, timeout, now=None):
    """End host's transitions older than timeout seconds.

    :returns: [(id, old status, new status)] of what it moved, volumes
        and snapshots.
    """
    moved = []
    for table, kind, finals in (
            (models.Volume, 'volume', volumes.TRANSITIONS),
            (models.Snapshot, 'snapshot', snapshots.TRANSITIONS)):
        with db.reader() as session:
            stale = expired(session, host, timeout, now, table, finals)
        for row_id, status, project_id in stale:
            final = finals[status]
            values = {'new_size': None} if table is models.Volume else {}
            with db.writer() as session:
                if not volumes.cas(session, table, row_id, [status], final,
                                   **values):
                    continue
                messages.record(
                    session, project_id, row_id, messages.TIMED_OUT,
                    'The %s was %s for more than %d seconds (the [volume] '
                    'transition_timeout of host %s): it is now %s.'
                    % (kind, status, timeout, host, final),
                    resource_type=kind.upper())
            LOG.warning('%s %s was %s for more than %ds: now %s',
                        kind.capitalize(), row_id, status, timeout, final)
            moved.append((row_id, status, final))
    return moved


def sweep_attachments(manager, now=None):
    """End the attachments of manager's host stuck past their deadline.

    attaching past [volume] attachment_timeout -> error_attaching, its
    export removed, a user message (the volume is available again unless
    other attachments hold it); detaching past it -> finished (export
    removed, attachment deleted); reserved past [volume]
    reserved_attachment_timeout (when not 0) -> deleted.

    :returns: [(attachment id, old status, new status)]
    """
    now = now or models.utcnow()
    vconf = manager.conf.volume
    before = now - datetime.timedelta(seconds=vconf.attachment_timeout)
    with manager.db.reader() as session:
        stale = [(r.id, r.attach_status, r.volume_id, r.project_id,
                  r.auth_username) for r in attachments.expired(
            session, manager.host, ('attaching', 'detaching'), before)]
        if vconf.reserved_attachment_timeout:
            stale += [(r.id, r.attach_status, r.volume_id, r.project_id,
                       r.auth_username) for r in attachments.expired(
                session, manager.host, ('reserved',),
                now - datetime.timedelta(
                    seconds=vconf.reserved_attachment_timeout))]
    moved = []
    for attachment_id, status, volume_id, project_id, username in stale:
        try:
            if status == 'attaching':
                with manager.db.writer() as session:
                    if not attachments.mark(session, attachment_id,
                                            ['attaching'],
                                            'error_attaching'):
                        continue
                    attachments.settle(session, volume_id)
                    messages.record(
                        session, project_id, volume_id,
                        messages.ATTACH_FAILED,
                        'Attachment %s was attaching for more than %d '
                        'seconds (the [volume] attachment_timeout of host '
                        '%s): it is now error_attaching and its export is '
                        'removed; delete it and attach again.'
                        % (attachment_id, vconf.attachment_timeout,
                           manager.host))
                exports.disconnect(manager, attachment_id, volume_id,
                                   username)
                final = 'error_attaching'
            else:
                if not exports.detach(manager, attachment_id):
                    continue
                final = 'deleted'
        except Exception:
            LOG.exception('Attachment %s: ending %s failed; the next '
                          'check tries again', attachment_id, status)
            continue
        LOG.warning('Attachment %s of volume %s was %s past its deadline: '
                    'now %s', attachment_id, volume_id, status, final)
        moved.append((attachment_id, status, final))
    return moved
