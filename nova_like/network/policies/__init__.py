# SPDX-License-Identifier: Apache-2.0
"""Networking policy: every rule with its default, and the enforcer."""

import itertools

from nova_like.network.policies import base
from nova_like.network.policies import network
from nova_like.network.policies import port
from nova_like.network.policies import quota
from nova_like.network.policies import security_group
from nova_like.network.policies import security_group_rule
from nova_like.network.policies import subnet
from nova_like import policy_enforcer


def list_rules():
    """Every rule with its default (entry point oslo.policy.policies)."""
    return list(itertools.chain(
        base.list_rules(), network.list_rules(), subnet.list_rules(),
        port.list_rules(), security_group.list_rules(),
        security_group_rule.list_rules(), quota.list_rules()))


def get_enforcer(conf):
    """An enforcer with the defaults registered; policy.yaml overrides them.

    Also the oslo.policy.enforcer entry point (for oslopolicy-checker).
    """
    enforcer = policy_enforcer.Enforcer(conf)
    enforcer.register_defaults(list_rules())
    return enforcer


def target_of(view, network=None):
    """A policy target: view's scalar attributes, and with network those
    of the network as network:<attribute> (shared and router:external
    plainly too, for the shared and external rules)."""
    target = {k: v for k, v in view.items()
              if v is None or isinstance(v, (str, int, bool))}
    if network is not None:
        for key in ('project_id', 'tenant_id', 'shared', 'router:external'):
            target['network:%s' % key] = network.get(key)
        target.setdefault('shared', network.get('shared'))
        target.setdefault('router:external', network.get('router:external'))
    return target


def check_attributes(ctx, action, target, body):
    """403 unless ctx may set each attribute of body that has a rule.

    The rules see target with body's plain values over it.
    """
    target = dict(target, **target_of(body))
    for key in body:
        name = '%s:%s' % (action, key)
        if ctx.enforcer is not None and name in ctx.enforcer.registered_rules:
            ctx.can(name, target)


def hide_attributes(ctx, action, view):
    """view without the attributes ctx may not see (action:attribute)."""
    if ctx.enforcer is None:
        return view
    target = target_of(view)
    for key in list(view):
        name = '%s:%s' % (action, key)
        if name in ctx.enforcer.registered_rules and \
                not ctx.can(name, target, fatal=False):
            del view[key]
    return view
