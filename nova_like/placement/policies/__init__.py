# SPDX-License-Identifier: Apache-2.0
"""Placement policy: every rule with its default, and the enforcer."""

import itertools

from nova_like.placement.policies import aggregate
from nova_like.placement.policies import allocation
from nova_like.placement.policies import allocation_candidate
from nova_like.placement.policies import base
from nova_like.placement.policies import inventory
from nova_like.placement.policies import reshaper
from nova_like.placement.policies import resource_class
from nova_like.placement.policies import resource_provider
from nova_like.placement.policies import trait
from nova_like.placement.policies import usage
from nova_like import policy_enforcer


def list_rules():
    """Every rule with its default (entry point oslo.policy.policies)."""
    return list(itertools.chain(
        base.list_rules(), resource_provider.list_rules(),
        resource_class.list_rules(), inventory.list_rules(),
        aggregate.list_rules(), usage.list_rules(), trait.list_rules(),
        allocation.list_rules(), allocation_candidate.list_rules(),
        reshaper.list_rules()))


def get_enforcer(conf):
    """An enforcer with the defaults registered; policy.yaml overrides them.

    Also the oslo.policy.enforcer entry point (for oslopolicy-checker).
    """
    enforcer = policy_enforcer.Enforcer(conf)
    enforcer.register_defaults(list_rules())
    return enforcer
