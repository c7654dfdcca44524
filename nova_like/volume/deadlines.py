# SPDX-License-Identifier: Apache-2.0
"""No volume stays in a transition forever.

A volume in creating, extending or deleting whose status is older than
[volume] transition_timeout is moved to error, error_extending or
error_deleting, with a user message saying it timed out. The volume
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
from nova_like.volume import volumes

LOG = logging.getLogger(__name__)


def expired(session, host, timeout, now=None):
    """(id, status, project_id) of host's volumes past the deadline."""
    now = now or models.utcnow()
    before = now - datetime.timedelta(seconds=timeout)
    table = models.Volume
    return session.execute(sa.select(
        table.id, table.status, table.project_id).where(
        table.host == host, table.status.in_(volumes.TRANSITIONS),
        table.status_changed_at < before)).all()


def sweep(db, host, timeout, now=None):
    """End host's transitions older than timeout seconds.

    :returns: [(volume id, old status, new status)] of what it moved.
    """
    moved = []
    with db.reader() as session:
        stale = expired(session, host, timeout, now)
    for volume_id, status, project_id in stale:
        final = volumes.TRANSITIONS[status]
        with db.writer() as session:
            if not volumes.transition(session, volume_id, [status], final,
                                      new_size=None):
                continue
            messages.record(
                session, project_id, volume_id, messages.TIMED_OUT,
                'The volume was %s for more than %d seconds (the '
                '[volume] transition_timeout of host %s): it is now %s.'
                % (status, timeout, host, final))
        LOG.warning('Volume %s was %s for more than %ds: now %s',
                    volume_id, status, timeout, final)
        moved.append((volume_id, status, final))
    return moved
