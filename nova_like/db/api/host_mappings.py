# SPDX-License-Identifier: Apache-2.0
"""Host mappings: which cell holds each compute host."""

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import engine
from nova_like import exception


@engine.retry_on_deadlock
def host_mapping_create(values):
    return database.create(models.HostMapping, values, 'Host mapping', 'host')


def host_mapping_get_by_host(host):
    return database.get_one(models.HostMapping,
                            exception.HostMappingNotFound(name=host),
                            host=host)


def host_mapping_get_all(cell_id=None):
    filters = {'cell_id': cell_id} if cell_id is not None else {}
    return database.get_all(models.HostMapping, models.HostMapping.id,
                            **filters)


def host_mapping_delete(host):
    database.delete(models.HostMapping,
                    exception.HostMappingNotFound(name=host), host=host)
