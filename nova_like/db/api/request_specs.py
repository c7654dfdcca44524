# SPDX-License-Identifier: Apache-2.0
"""Request specs: what each server asked the scheduler for."""

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import engine
from nova_like import exception


@engine.retry_on_deadlock
def request_spec_create(values):
    return database.create(models.RequestSpec, values, 'Request spec',
                           'instance_uuid')


def request_spec_get_by_instance_uuid(uuid):
    return database.get_one(models.RequestSpec,
                            exception.RequestSpecNotFound(instance_uuid=uuid),
                            instance_uuid=uuid)


def request_spec_update(uuid, values):
    return database.update(models.RequestSpec,
                           exception.RequestSpecNotFound(instance_uuid=uuid),
                           {'instance_uuid': uuid}, values)


def request_spec_delete(uuid):
    database.delete(models.RequestSpec,
                    exception.RequestSpecNotFound(instance_uuid=uuid),
                    instance_uuid=uuid)
