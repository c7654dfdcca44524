# SPDX-License-Identifier: Apache-2.0
"""Quotas: the limits set for each project, by resource."""

import sqlalchemy as sa

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import engine


def quota_get_all_by_project(project_id):
    """:returns: {resource: hard_limit} of the limits set for project_id."""
    with database.reader() as session:
        rows = session.execute(
            sa.select(models.Quota.resource, models.Quota.hard_limit)
            .filter_by(project_id=project_id))
        return dict(rows.all())


@engine.retry_on_deadlock
@engine.retry_on_duplicate
def quota_set(project_id, limits):
    """Set {resource: hard_limit} for project_id, creating rows as needed."""
    with database.writer() as session:
        rows = {r.resource: r for r in session.scalars(
            sa.select(models.Quota).filter_by(project_id=project_id))}
        for resource, hard_limit in limits.items():
            if resource in rows:
                rows[resource].hard_limit = hard_limit
            else:
                session.add(models.Quota(project_id=project_id,
                                         resource=resource,
                                         hard_limit=hard_limit))


@engine.retry_on_deadlock
def quota_destroy_all_by_project(project_id):
    with database.writer() as session:
        session.execute(sa.delete(models.Quota).filter_by(
            project_id=project_id))
