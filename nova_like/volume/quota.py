# SPDX-License-Identifier: Apache-2.0
"""Volume quotas, with Cinder's resources and defaults.

A create or extend counts the project's usage in its own transaction,
just before its write: enough against a user's parallel creates, not a
hard guarantee under READ COMMITTED (two creates may both see one slot
left). Over quota is 413, as Cinder answers.
"""

import sqlalchemy as sa

from nova_like.volume.db import models
from nova_like.volume import errors

# Shown as Cinder shows them; nothing here makes backups or groups yet.
FIXED_DEFAULTS = {'backups': 10, 'backup_gigabytes': 1000, 'groups': 10}
PER_TYPE = ('volumes', 'gigabytes', 'snapshots')


def defaults(conf, type_names=()):
    found = {'volumes': conf.volume.quota_volumes,
             'snapshots': conf.volume.quota_snapshots,
             'gigabytes': conf.volume.quota_gigabytes,
             'per_volume_gigabytes': conf.volume.quota_per_volume_gigabytes}
    found.update(FIXED_DEFAULTS)
    for name in type_names:
        for resource in PER_TYPE:
            found['%s_%s' % (resource, name)] = -1
    return found


def limits(session, conf, project_id, type_names=()):
    """{resource: limit} of the project; -1 is unlimited."""
    found = defaults(conf, type_names)
    table = models.Quota
    for resource, limit in session.execute(
            sa.select(table.resource, table.limit).where(
                table.project_id == project_id)):
        if resource in found:
            found[resource] = limit
    return found


def usage(session, project_id, type_names=None):
    """{resource: in use} of the project (per type too with type_names,
    {type id: name})."""
    volume, snapshot = models.Volume, models.Snapshot
    # An extending volume counts at the size it is growing to.
    size = sa.case((volume.new_size > volume.size, volume.new_size),
                   else_=volume.size)
    used = {'volumes': 0, 'gigabytes': 0, 'snapshots': 0}
    for type_id, count, gigabytes in session.execute(
            sa.select(volume.volume_type_id, sa.func.count(),
                      sa.func.coalesce(sa.func.sum(size), 0)).where(
                volume.project_id == project_id).group_by(
                volume.volume_type_id)):
        used['volumes'] += count
        used['gigabytes'] += int(gigabytes)
        if type_names and type_id in type_names:
            used['volumes_%s' % type_names[type_id]] = count
            used['gigabytes_%s' % type_names[type_id]] = int(gigabytes)
    count, gigabytes = session.execute(
        sa.select(sa.func.count(),
                  sa.func.coalesce(sa.func.sum(snapshot.size), 0)).where(
            snapshot.project_id == project_id)).one()
    used['snapshots'] = count
    used['gigabytes'] += int(gigabytes)
    return used


def check_volume(session, conf, project_id, size, count=1):
    """Raise the 413 Cinder raises unless count more volumes of size GiB
    (count 0: an extend by size GiB) fit the project's quota."""
    limit = limits(session, conf, project_id)
    per_volume = limit['per_volume_gigabytes']
    if count and 0 <= per_volume < size:
        raise errors.VolumeSizeExceedsLimit(size=size, limit=per_volume)
    used = usage(session, project_id)
    if count and 0 <= limit['volumes'] < used['volumes'] + count:
        raise errors.VolumeLimitExceeded(allowed=limit['volumes'],
                                         name='volumes')
    if 0 <= limit['gigabytes'] < used['gigabytes'] + size * max(count, 1):
        raise errors.VolumeSizeExceedsAvailableQuota(
            name='gigabytes', requested=size, quota=limit['gigabytes'],
            consumed=used['gigabytes'])


def check_extend(session, conf, project_id, old_size, new_size):
    limit = limits(session, conf, project_id)
    per_volume = limit['per_volume_gigabytes']
    if 0 <= per_volume < new_size:
        raise errors.VolumeSizeExceedsLimit(size=new_size, limit=per_volume)
    check_volume(session, conf, project_id, new_size - old_size, count=0)


def check_snapshot(session, conf, project_id, size):
    """Raise the 413 Cinder raises unless one more snapshot of size GiB
    fits the project's quota."""
    limit = limits(session, conf, project_id)
    used = usage(session, project_id)
    if 0 <= limit['snapshots'] < used['snapshots'] + 1:
        raise errors.SnapshotLimitExceeded(allowed=limit['snapshots'])
    if 0 <= limit['gigabytes'] < used['gigabytes'] + size:
        raise errors.VolumeSizeExceedsAvailableQuota(
            name='gigabytes', requested=size, quota=limit['gigabytes'],
            consumed=used['gigabytes'])


def update(session, project_id, values, known):
    """Set limits; 400 naming a resource or value that is wrong.

    :param known: the resources that may be set (limits()'s keys).
    """
    bad = sorted(set(values) - set(known))
    if bad:
        raise errors.bad_request('Bad key(s) in quota set: %s'
                                 % ','.join(bad))
    for resource, limit in values.items():
        if isinstance(limit, bool):
            limit = None
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            raise errors.bad_request(
                "Quota %s: '%s' is not an integer." % (resource, limit))
        if limit < -1:
            raise errors.bad_request(
                'Quota limit %s for %s must be -1 or greater.'
                % (limit, resource))
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
    session.execute(sa.delete(models.Quota).where(
        models.Quota.project_id == project_id))
