# SPDX-License-Identifier: Apache-2.0
"""The request context: who is asking, which database, and may they."""

from oslo_context import context as oslo_context

from nova_like.placement import errors


class RequestContext(oslo_context.RequestContext):
    """An oslo.context with the Placement database and policy enforcer."""

    def __init__(self, *args, db=None, enforcer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db = db
        self.enforcer = enforcer

    def can(self, action, target=None, fatal=True):
        """Check policy action for this context; 403 when denied and fatal."""
        if target is None:
            target = {'project_id': self.project_id,
                      'user_id': self.user_id}
        allowed = self.enforcer.enforce(action, target, self, do_raise=False)
        if not allowed and fatal:
            raise errors.Forbidden(
                'Policy does not allow %s to be performed.' % action)
        return allowed
