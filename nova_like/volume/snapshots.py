# SPDX-License-Identifier: Apache-2.0
"""Snapshot rows and where a snapshot's copy lives on the backend.

A snapshot is a full copy of its volume on the volume's backend, kept
there under the backend id "snapshot-<id>" (so the file backend's file is
volume-snapshot-<id>, counted in its capacity like a volume):

    creating -> available | error
    available, error -> deleting -> (gone) | error_deleting
"""

import sqlalchemy as sa

from nova_like.volume.db import models
from nova_like.volume import errors
from nova_like.volume import volumes

TRANSITIONS = {'creating': 'error', 'deleting': 'error_deleting'}
DELETABLE = ('available', 'error', 'error_deleting')


def backend_id(snapshot_id):
    """The id the backend keeps the snapshot's copy under."""
    return 'snapshot-%s' % snapshot_id


def transition(session, snapshot_id, from_statuses, status, **values):
    return volumes.cas(session, models.Snapshot, snapshot_id,
                       from_statuses, status, **values)


def list_rows(session, project_id, filters):
    table = models.Snapshot
    query = sa.select(table).order_by(table.created_at.desc(),
                                      table.id.desc())
    if project_id is not None:
        query = query.where(table.project_id == project_id)
    for key in ('name', 'status', 'volume_id'):
        if key in filters:
            query = query.where(getattr(table, key) == filters[key])
    return list(session.execute(query).scalars())


def get_row(session, snapshot_id):
    row = session.get(models.Snapshot, snapshot_id)
    if row is None:
        raise errors.SnapshotNotFound(snapshot_id=snapshot_id)
    return row
