# SPDX-License-Identifier: Apache-2.0
"""Block Storage policy: every rule with its default, and the enforcer."""

import itertools

from nova_like import policy_enforcer
from nova_like.volume.policies import attachments
from nova_like.volume.policies import base
from nova_like.volume.policies import messages
from nova_like.volume.policies import quotas
from nova_like.volume.policies import snapshots
from nova_like.volume.policies import types
from nova_like.volume.policies import volumes


def list_rules():
    """Every rule with its default (entry point oslo.policy.policies)."""
    return list(itertools.chain(
        base.list_rules(), volumes.list_rules(), types.list_rules(),
        snapshots.list_rules(), quotas.list_rules(),
        messages.list_rules(), attachments.list_rules()))


def get_enforcer(conf):
    """An enforcer with the defaults registered; policy.yaml overrides them.

    Also the oslo.policy.enforcer entry point (for oslopolicy-checker).
    """
    enforcer = policy_enforcer.Enforcer(conf)
    enforcer.register_defaults(list_rules())
    return enforcer
