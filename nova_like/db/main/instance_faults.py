# SPDX-License-Identifier: Apache-2.0
"""Instance faults of a cell: what failed, where, for each instance."""

import sqlalchemy as sa

from nova_like.db import base
from nova_like.db import engine
from nova_like.db.main import database
from nova_like.db.main import models


@engine.retry_on_deadlock
def instance_fault_create(context, values):
    with database.writer(context) as session:
        return base.insert_row(session, models.InstanceFault, values)


def instance_fault_get_by_instance_uuids(context, uuids, latest=False):
    """Faults by instance uuid, newest first."""
    if not uuids:
        return {}
    with database.reader(context) as session:
        rows = session.scalars(
            sa.select(models.InstanceFault)
            .where(models.InstanceFault.instance_uuid.in_(uuids))
            .order_by(models.InstanceFault.created_at.desc(),
                      models.InstanceFault.id.desc()))
        faults = {}
        for row in rows:
            bucket = faults.setdefault(row.instance_uuid, [])
            if not (latest and bucket):
                bucket.append(base.model_dict(row))
        return faults
