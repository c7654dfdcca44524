# SPDX-License-Identifier: Apache-2.0
"""Build requests: servers the API accepted that no cell holds yet."""

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import engine
from nova_like import exception


@engine.retry_on_deadlock
def build_request_create(values):
    return database.create(models.BuildRequest, values, 'Build request',
                           'instance_uuid')


def build_request_get_by_instance_uuid(uuid):
    return database.get_one(models.BuildRequest,
                            exception.BuildRequestNotFound(uuid=uuid),
                            instance_uuid=uuid)


def build_request_get_all(project_id=None):
    filters = {'project_id': project_id} if project_id else {}
    return database.get_all(models.BuildRequest, models.BuildRequest.id,
                            **filters)


def build_request_delete(uuid):
    database.delete(models.BuildRequest,
                    exception.BuildRequestNotFound(uuid=uuid),
                    instance_uuid=uuid)


@engine.retry_on_deadlock
def build_request_update_instance(uuid, instance_text):
    """Replace the serialized Instance a build request carries."""
    return database.update(models.BuildRequest,
                           exception.BuildRequestNotFound(uuid=uuid),
                           {'instance_uuid': uuid},
                           {'instance': instance_text})
