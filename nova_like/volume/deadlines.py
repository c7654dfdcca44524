# SPDX-License-Identifier: Apache-2.0
"""No volume stays in a transition forever.

A volume in creating, extending or deleting whose status is older than
[volume] transition_timeout is moved to error, error_extending or
error_deleting, with a user message saying it timed out; so is a
snapshot in creating or deleting (to error or error_deleting). The volume
manager runs this for its own host when it starts and every [volume]
periodic_interval seconds. A manager that finishes the work after the
deadline finds the status changed and leaves it (its compare-and-swap
fails): the owner deletes the volume in error, which removes its file.
"""

import datetime
import logging

import sqlalchemy as sa

from nova_like.volume.db import models
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
