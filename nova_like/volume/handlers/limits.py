# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/limits: absolute limits and what is used of them
(3.39: ?project_id= another project's, for admins)."""

from nova_like.volume.policies import quotas as policy
from nova_like.volume import quota
from nova_like.volume import util


# From 3.39 an admin may ask for another project's limits.
PROJECT_FILTER = (3, 39)


def show_limits(req):
    ctx = util.context(req)
    project_id = ctx.project_id
    if util.version(req) >= PROJECT_FILTER and ctx.admin and \
            req.GET.get('project_id'):
        project_id = req.GET['project_id']
    with ctx.db.reader() as session:
        limit = quota.limits(session, ctx.conf, project_id)
        used = quota.usage(session, project_id)
    absolute = {
        'maxTotalVolumes': limit['volumes'],
        'maxTotalSnapshots': limit['snapshots'],
        'maxTotalVolumeGigabytes': limit['gigabytes'],
        'maxTotalBackups': limit['backups'],
        'maxTotalBackupGigabytes': limit['backup_gigabytes'],
    }
    if ctx.can(policy.USED_LIMITS, fatal=False):
        absolute.update({
            'totalVolumesUsed': used['volumes'],
            'totalGigabytesUsed': used['gigabytes'],
            'totalSnapshotsUsed': used['snapshots'],
            'totalBackupsUsed': 0, 'totalBackupGigabytesUsed': 0})
    return util.response({'limits': {'rate': [], 'absolute': absolute}})
