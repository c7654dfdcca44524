# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/os-quota-sets/{target}: volume quotas of a project."""

from nova_like.volume.policies import quotas as policy
from nova_like.volume import quota
from nova_like.volume import schemas
from nova_like.volume import util
from nova_like.volume import volume_types


def _target(req):
    return {'project_id': req.urlvars['target_project_id']}


def _quota_set(session, ctx, project_id, with_usage):
    names = volume_types.names(session)
    limits = quota.limits(session, ctx.conf, project_id, names.values())
    if not with_usage:
        return dict(limits, id=project_id)
    used = quota.usage(session, project_id, names)
    found = {resource: {'limit': limit, 'in_use': used.get(resource, 0),
                        'reserved': 0}
             for resource, limit in limits.items()}
    found['id'] = project_id
    return found


def show_quota_set(req):
    ctx = util.context(req)
    ctx.can(policy.SHOW, _target(req))
    usage = schemas.to_bool(schemas.validate(
        schemas.BOOLEAN, req.GET.get('usage', 'false')))
    with ctx.db.reader() as session:
        return util.response({'quota_set': _quota_set(
            session, ctx, req.urlvars['target_project_id'], usage)})


def show_defaults(req):
    ctx = util.context(req)
    ctx.can(policy.SHOW, _target(req))
    with ctx.db.reader() as session:
        names = volume_types.names(session)
    return util.response({'quota_set': dict(
        quota.defaults(ctx.conf, names.values()),
        id=req.urlvars['target_project_id'])})


def update_quota_set(req):
    ctx = util.context(req)
    ctx.can(policy.UPDATE, _target(req))
    values = schemas.validate(schemas.QUOTA_UPDATE,
                              util.body(req))['quota_set']
    values = {k: v for k, v in values.items() if k not in ('tenant_id',
                                                           'id')}
    project_id = req.urlvars['target_project_id']
    with ctx.db.writer() as session:
        names = volume_types.names(session)
        known = quota.defaults(ctx.conf, names.values())
        quota.update(session, project_id, values, known)
        found = quota.limits(session, ctx.conf, project_id, names.values())
    return util.response({'quota_set': found})


def delete_quota_set(req):
    ctx = util.context(req)
    ctx.can(policy.DELETE, _target(req))
    with ctx.db.writer() as session:
        quota.delete(session, req.urlvars['target_project_id'])
    return util.response()
