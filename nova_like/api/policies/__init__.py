# SPDX-License-Identifier: Apache-2.0
"""Compute API policy: every rule with its oslo.policy default, the enforcer, and authorize()."""

import itertools
import re
import threading
import time

from oslo_policy import policy

from nova_like.api.policies import aggregates
from nova_like.api.policies import availability_zone
from nova_like.api.policies import base
from nova_like.api.policies import flavors
from nova_like.api.policies import hypervisors
from nova_like.api.policies import instance_actions
from nova_like.api.policies import keypairs
from nova_like.api.policies import quotas
from nova_like.api.policies import server_actions
from nova_like.api.policies import server_groups
from nova_like.api.policies import server_metadata
from nova_like.api.policies import server_tags
from nova_like.api.policies import servers
from nova_like.api.policies import services
from nova_like.api.policies import simple_tenant_usage
from nova_like import conf
from nova_like import exception

_MODULES = (base, servers, server_actions, server_metadata, server_tags,
            instance_actions, flavors, keypairs, quotas, services,
            hypervisors, availability_zone, aggregates, server_groups,
            simple_tenant_usage)
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
    enforcer = policy.Enforcer(config if config is not None else conf.CONF)
    enforcer.register_defaults(list_rules())
    return enforcer


# oslo.policy's enforce() looks for changed policy files on every call,
# and evaluates the rule's parsed checks anew: about a tenth of the API's
# CPU. The files are looked at once a second instead, and each decision is
# kept until then, by (action, target, the caller's policy values). Rules
# with an http(s): check (asking a remote server) are never cached.
_RELOAD_CHECK_SECONDS = 1.0
_DECISIONS_MAX = 4096
_state = {'next_check': 0.0, 'decisions': {}, 'cacheable': False}


def _get():
    global _enforcer
    if _enforcer is None:
        with _lock:
            if _enforcer is None:
                enforcer = get_enforcer()
                enforcer.load_rules()
                enforcer.use_conf = False  # _fresh() does the reloading
                _state.update(next_check=time.monotonic() +
                              _RELOAD_CHECK_SECONDS, decisions={},
                              cacheable=_cacheable(enforcer))
                _enforcer = enforcer
    return _enforcer


# An http: or https: check anywhere in a rule's text (`(a or http:..)`).
_REMOTE_CHECK = re.compile(r'(^|[\s(])https?:')


def _cacheable(enforcer):
    """True unless a rule asks a remote server (its answer may change)."""
    return not any(_REMOTE_CHECK.search(str(check))
                   for check in enforcer.rules.values())


def _fresh():
    """The enforcer, its policy files re-read (if changed) once a second."""
    enforcer = _get()
    now = time.monotonic()
    if now >= _state['next_check']:
        with _lock:
            if now >= _state['next_check']:
                enforcer.use_conf = True
                try:
                    enforcer.load_rules()
                finally:
                    enforcer.use_conf = False
                _state.update(next_check=now + _RELOAD_CHECK_SECONDS,
                              decisions={}, cacheable=_cacheable(enforcer))
    return enforcer


def _credentials_key(context):
    return tuple(sorted(
        (k, tuple(v) if isinstance(v, list) else v)
        for k, v in context.to_policy_values().items()))


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
    enforcer = _fresh()
    key = None
    if _state['cacheable']:
        try:
            key = (action, tuple(sorted(target.items())),
                   _credentials_key(context))
            allowed = _state['decisions'].get(key)
        except TypeError:  # an unhashable value: decide without the cache
            key = allowed = None
    else:
        allowed = None
    if allowed is None:
        allowed = enforcer.enforce(action, target, context)
        if key is not None:
            decisions = _state['decisions']
            if len(decisions) >= _DECISIONS_MAX:
                decisions.clear()
            decisions[key] = allowed
    if not allowed and fatal:
        raise exception.PolicyNotAuthorized(action=action)
    return allowed
