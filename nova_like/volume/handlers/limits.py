# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/limits: absolute limits and what is used of them."""

from nova_like.volume.policies import quotas as policy
from nova_like.volume import quota
from nova_like.volume import util


def show_limits(req):
    ctx = util.context(req)
    with ctx.db.reader() as session:
        limit = quota.limits(session, ctx.conf, ctx.project_id)
        used = quota.usage(session, ctx.project_id)
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
