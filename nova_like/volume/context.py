# SPDX-License-Identifier: Apache-2.0
"""The request context: who is asking, the database, and may they."""

from oslo_context import context as oslo_context

from nova_like.volume import errors


class RequestContext(oslo_context.RequestContext):
    """An oslo.context with the volume database, config and enforcer."""

    def __init__(self, *args, db=None, enforcer=None, conf=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db = db
        self.enforcer = enforcer
        self.conf = conf

    @property
    def admin(self):
        return self.is_admin or 'admin' in (self.roles or [])

    def can(self, action, target=None, fatal=True):
        """Check policy action on target (the caller's project by
        default); 403 naming the rule when denied and fatal."""
        target = dict(target or {'project_id': self.project_id})
        if self.enforcer is None:
            allowed = self.admin or \
                target.get('project_id') == self.project_id
        else:
            allowed = self.enforcer.enforce(action, target, self,
                                            do_raise=False)
        if not allowed and fatal:
            raise errors.Forbidden(action=action)
        return allowed


def admin_context(db, conf, project_id=None):
    """An admin context on db (the RPC manager's)."""
    return RequestContext(db=db, conf=conf, is_admin=True,
                          roles=['admin'], project_id=project_id)
