# SPDX-License-Identifier: Apache-2.0
"""Block device mappings of a cell: the disks of each instance."""

import sqlalchemy as sa

from nova_like.db import base
from nova_like.db import engine
from nova_like.db.main import database
from nova_like.db.main import models
from nova_like import exception

_BDM = models.BlockDeviceMapping


def bdm_create(context, values):
    return database.create(context, _BDM, values, 'BlockDeviceMapping',
                           values.get('uuid'))


def bdm_get_by_volume_and_instance(context, volume_id, instance_uuid):
    """The live mapping of volume_id on instance_uuid.

    :raises: VolumeBDMNotFound.
    """
    return database.get_one(
        context, _BDM, exception.VolumeBDMNotFound(volume_id=volume_id),
        _BDM.volume_id == volume_id, _BDM.instance_uuid == instance_uuid)


def bdm_get_by_instance_uuids(context, uuids):
    """{instance uuid: [live mappings, in the order they were made]}."""
    if not uuids:
        return {}
    with database.reader(context) as session:
        rows = base.table_rows(
            session, sa.select(_BDM.__table__)
            .where(_BDM.instance_uuid.in_(list(uuids)), _BDM.deleted == 0)
            .order_by(_BDM.id))
    found = {}
    for row in rows:
        found.setdefault(row['instance_uuid'], []).append(row)
    return found


@engine.retry_on_deadlock
def bdm_update(context, uuid, values):
    """:raises: VolumeBDMNotFound when no live mapping has uuid."""
    with database.writer(context) as session:
        row = base.update_row(session, _BDM, {'uuid': uuid, 'deleted': 0},
                              values)
    if row is None:
        raise exception.VolumeBDMNotFound(volume_id=uuid)
    return row


@engine.retry_on_deadlock
def bdm_destroy(context, uuid):
    """Soft-delete the mapping; one already gone is not an error."""
    with database.writer(context) as session:
        rows = base.table_rows(session, sa.select(_BDM.id).where(
            _BDM.uuid == uuid, _BDM.deleted == 0))
        if rows:
            base.update_row(session, _BDM, {'id': rows[0]['id'],
                                            'deleted': 0},
                            database.soft_delete_values(rows[0]['id']))
