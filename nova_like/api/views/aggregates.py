# SPDX-License-Identifier: Apache-2.0
"""The os-aggregates body of one aggregate (uuid from 2.41)."""

from nova_like.api import microversion


def _time(value):
    return value.isoformat() if value is not None else None


def show(request, aggregate, full=True):
    body = {
        'availability_zone': aggregate.availability_zone,
        'created_at': _time(aggregate.created_at),
        'deleted': False,
        'deleted_at': None,
        'id': aggregate.id,
        'name': aggregate.name,
        'updated_at': _time(aggregate.updated_at),
    }
    if full:
        body['hosts'] = list(aggregate.hosts)
        body['metadata'] = dict(aggregate.metadata)
    if microversion.at_least(request, '2.41'):
        body['uuid'] = aggregate.uuid
    return body
