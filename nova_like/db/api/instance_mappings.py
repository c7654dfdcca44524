# SPDX-License-Identifier: Apache-2.0
"""Instance mappings: each server's cell, and what a project's servers hold."""

import sqlalchemy as sa

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import engine
from nova_like import exception


@engine.retry_on_deadlock
def instance_mapping_create(values):
    return database.create(models.InstanceMapping, values, 'Instance mapping',
                           'instance_uuid')


def instance_mapping_get_by_instance_uuid(uuid):
    return database.get_one(models.InstanceMapping,
                            exception.InstanceMappingNotFound(uuid=uuid),
                            instance_uuid=uuid)


def instance_mapping_update(uuid, values):
    return database.update(models.InstanceMapping,
                           exception.InstanceMappingNotFound(uuid=uuid),
                           {'instance_uuid': uuid}, values)


def instance_mapping_delete(uuid):
    database.delete(models.InstanceMapping,
                    exception.InstanceMappingNotFound(uuid=uuid),
                    instance_uuid=uuid)


def instance_usage_by_project(project_id):
    """:returns: (instances, cores, ram) of project_id's live instances."""
    with database.reader() as session:
        row = session.execute(
            sa.select(sa.func.count(),
                      sa.func.coalesce(sa.func.sum(
                          models.InstanceMapping.vcpus), 0),
                      sa.func.coalesce(sa.func.sum(
                          models.InstanceMapping.memory_mb), 0))
            .filter_by(project_id=project_id, queued_for_delete=False)).one()
        return int(row[0]), int(row[1]), int(row[2])
