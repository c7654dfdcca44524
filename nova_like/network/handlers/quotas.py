# SPDX-License-Identifier: Apache-2.0
"""/v2.0/quotas: limits of networking resources per project."""

from nova_like.network.policies import quota as policy
from nova_like.network import quota
from nova_like.network import util


def _target(req):
    return {'project_id': req.urlvars['project_id']}


def list_quotas(req):
    ctx = util.context(req)
    ctx.can(policy.LIST, {'project_id': ctx.project_id})
    with ctx.db.reader() as session:
        found = []
        for project_id in quota.projects_with_quotas(session):
            limits = quota.limits(session, project_id)
            limits.update(project_id=project_id, tenant_id=project_id)
            found.append(limits)
    return util.response({'quotas': found})


def show_quota(req):
    ctx = util.context(req)
    ctx.can(policy.GET, _target(req))
    with ctx.db.reader() as session:
        return util.response({'quota': quota.limits(
            session, req.urlvars['project_id'])})


def show_quota_default(req):
    ctx = util.context(req)
    ctx.can(policy.GET, _target(req))
    return util.response({'quota': dict(quota.DEFAULTS)})


def show_quota_details(req):
    ctx = util.context(req)
    ctx.can(policy.GET, _target(req))
    with ctx.db.reader() as session:
        return util.response({'quota': quota.details(
            session, req.urlvars['project_id'])})


def update_quota(req):
    ctx = util.context(req)
    body = util.body(req, 'quota')
    ctx.can(policy.UPDATE, _target(req))
    with ctx.db.writer() as session:
        quota.update(session, req.urlvars['project_id'], body)
        return util.response({'quota': quota.limits(
            session, req.urlvars['project_id'])})


def delete_quota(req):
    ctx = util.context(req)
    ctx.can(policy.DELETE, _target(req))
    with ctx.db.writer() as session:
        quota.delete(session, req.urlvars['project_id'])
    return util.no_content()
