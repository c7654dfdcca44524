# SPDX-License-Identifier: Apache-2.0
"""Quotas of networking resources, with Networking's defaults.

A create counts the project's rows in its own transaction, just before its
insert: enough against a user's parallel creates, not a hard guarantee
under READ COMMITTED (two creates may both see one slot left).
"""

import sqlalchemy as sa

from nova_like.network.db import models
from nova_like.network import errors

# The quotas.limit column is a 32-bit INTEGER on every backend.
MAX_LIMIT = 2 ** 31 - 1

DEFAULTS = {
    'network': 100,
    'subnet': 100,
    'port': 500,
    'security_group': 10,
    'security_group_rule': 100,
    # Shown as Networking shows them; nothing here makes routers,
    # floating IPs or RBAC policies yet, so their usage stays 0.
    'router': 10,
    'floatingip': 50,
    'rbac_policy': 10,
}
# The table each resource counts rows of.
_TABLES = {
    'network': models.Network,
    'subnet': models.Subnet,
    'port': models.Port,
    'security_group': models.SecurityGroup,
    'security_group_rule': models.SecurityGroupRule,
}


def limits(session, project_id):
    """{resource: limit} of the project; -1 is unlimited."""
    found = dict(DEFAULTS)
    table = models.Quota
    for resource, limit in session.execute(
            sa.select(table.resource, table.limit).where(
                table.project_id == project_id)):
        if resource in found:
            found[resource] = limit
    return found


def projects_with_quotas(session):
    return sorted(set(session.execute(
        sa.select(models.Quota.project_id)).scalars()))


def usage(session, project_id, resource):
    table = _TABLES.get(resource)
    if table is None:
        return 0
    return session.execute(sa.select(sa.func.count()).select_from(
        table).where(table.project_id == project_id)).scalar()


def details(session, project_id):
    """{resource: {'limit', 'used', 'reserved'}} as quota details show."""
    found = limits(session, project_id)
    return {resource: {'limit': limit, 'reserved': 0,
                       'used': usage(session, project_id, resource)}
            for resource, limit in found.items()}


def headroom(session, project_id, resource):
    """How many more the project may have; None when unlimited."""
    limit = limits(session, project_id)[resource]
    if limit < 0:
        return None
    return max(0, limit - usage(session, project_id, resource))


def check(session, project_id, resource, count=1):
    """Raise OverQuota unless count more of resource fit."""
    room = headroom(session, project_id, resource)
    if room is not None and count > room:
        raise errors.OverQuota(overs=resource)


def update(session, project_id, values):
    """Set limits; BadRequest naming a resource or value that is wrong."""
    for resource, limit in values.items():
        if resource in ('force', 'check_limit'):
            continue  # the CLI's; limits below usage are allowed here
        if resource not in DEFAULTS:
            raise errors.bad_request(
                'quota', 'unknown quota resource %s (one of %s)'
                % (resource, ', '.join(sorted(DEFAULTS))))
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            raise errors.bad_request(resource, "'%s' is not an integer"
                                     % (limit,))
        if limit < -1:
            raise errors.bad_request(resource, '%d is less than -1' % limit)
        if limit > MAX_LIMIT:
            raise errors.bad_request(resource, '%d is more than %d'
                                     % (limit, MAX_LIMIT))
        table = models.Quota
        row = session.execute(sa.select(table).where(
            table.project_id == project_id,
            table.resource == resource)).scalar_one_or_none()
        if row is None:
            session.add(table(project_id=project_id, resource=resource,
                              limit=limit))
        else:
            row.limit = limit
    session.flush()


def delete(session, project_id):
    """Back to the defaults."""
    table = models.Quota
    session.execute(sa.delete(table).where(table.project_id == project_id))
