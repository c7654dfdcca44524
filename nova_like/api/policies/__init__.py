# SPDX-License-Identifier: Apache-2.0
"""Minimal in-code authorisation, one rule per Nova action name, ready to become oslo.policy rules."""

from nova_like.api.policies import base
from nova_like.api.policies import flavors
from nova_like.api.policies import servers
from nova_like import exception

RULES = {}
for _module in (servers, flavors):
    RULES.update(_module.RULES)


def authorize(context, action, target=None, fatal=True):
    """Check that context may perform action on target.

    :param target: {'project_id': ...} of the thing acted upon; defaults
        to the caller's own project.
    :returns: True or False when fatal is False.
    :raises: PolicyNotAuthorized (403) when fatal and the rule says no.
    """
    check = RULES[action]
    target = target or {'project_id': context.project_id}
    allowed = base.CHECKS[check](context, target)
    if not allowed and fatal:
        raise exception.PolicyNotAuthorized(action=action)
    return allowed
