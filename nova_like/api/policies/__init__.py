# SPDX-License-Identifier: Apache-2.0
"""Compute API policy: the enforcer, authorize(), and every rule.

Each rule comes with its oslo.policy default.
"""

import itertools
import threading

from nova_like.api.policies import admin_actions
from nova_like.api.policies import aggregates
from nova_like.api.policies import attach_interfaces
from nova_like.api.policies import availability_zone
from nova_like.api.policies import base
from nova_like.api.policies import extensions
from nova_like.api.policies import flavors
from nova_like.api.policies import hosts
from nova_like.api.policies import hypervisors
from nova_like.api.policies import instance_actions
from nova_like.api.policies import instance_usage_audit_log
from nova_like.api.policies import ips
from nova_like.api.policies import keypairs
from nova_like.api.policies import migrations
from nova_like.api.policies import networks
from nova_like.api.policies import quota_classes
from nova_like.api.policies import quotas
from nova_like.api.policies import security_groups
from nova_like.api.policies import server_actions
from nova_like.api.policies import server_diagnostics
from nova_like.api.policies import server_external_events
from nova_like.api.policies import server_groups
from nova_like.api.policies import server_metadata
from nova_like.api.policies import server_password
from nova_like.api.policies import server_tags
from nova_like.api.policies import servers
from nova_like.api.policies import services
from nova_like.api.policies import simple_tenant_usage
from nova_like.api.policies import tenant_networks
from nova_like.api.policies import volumes_attachments
from nova_like import conf
from nova_like import exception
from nova_like import policy_enforcer

_MODULES = (base, servers, server_actions, server_metadata, server_tags,
            instance_actions, flavors, keypairs, quotas, services,
            hypervisors, availability_zone, aggregates, server_groups,
            simple_tenant_usage, ips, attach_interfaces, security_groups,
            networks, quota_classes, admin_actions, hosts, extensions,
            instance_usage_audit_log, server_external_events,
            server_password, server_diagnostics, migrations,
            volumes_attachments, tenant_networks)
_lock = threading.Lock()
_enforcer = None


def list_rules():
    """Every rule with its default (entry point oslo.policy.policies)."""
    return list(itertools.chain.from_iterable(
        m.list_rules() for m in _MODULES))


def get_enforcer(config=None):
    """An enforcer with the defaults registered; policy.yaml overrides them.

    Also the oslo.policy.enforcer entry point (for oslopolicy-checker).
    """
    enforcer = policy_enforcer.Enforcer(
        config if config is not None else conf.CONF)
    enforcer.register_defaults(list_rules())
    return enforcer


def _get():
    global _enforcer
    if _enforcer is None:
        with _lock:
            if _enforcer is None:
                _enforcer = get_enforcer()
                _enforcer.load_rules()
    return _enforcer


def reset():
    """Forget the enforcer (tests that change policy files or options)."""
    global _enforcer
    _enforcer = None


def authorize(context, action, target=None, fatal=True):
    """Check that context may perform action on target.

    :param target: {'project_id': ..., 'user_id': ...} of the thing acted
        upon; defaults to the caller's own project and user.
    :returns: True or False when fatal is False.
    :raises: PolicyNotAuthorized (403) when fatal and the rule says no.
    """
    if target is None:
        target = {'project_id': context.project_id,
                  'user_id': context.user_id}
    allowed = _get().enforce(action, target, context)
    if not allowed and fatal:
        raise exception.PolicyNotAuthorized(action=action)
    return allowed
