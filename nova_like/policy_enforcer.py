# SPDX-License-Identifier: Apache-2.0
"""An oslo.policy Enforcer that looks at its policy files once a second.

It keeps its decisions until then.

oslo.policy's enforce() looks for changed policy files (and policy_dirs) on
every call and evaluates the rule's checks anew; in the compute API and in
Placement that was a tenth of all CPU. Here the files are looked at once per
``reload_seconds``, and a decision is kept until then by (rule name, target,
the caller's policy values). Rules with an http: or https: check (which ask
a remote server) make the enforcer keep nothing.
"""

import re
import threading
import time

from oslo_policy import policy

# An http: or https: check anywhere in a rule's text: "(a or http://..)".
_REMOTE_CHECK = re.compile(r'(^|[\s(])https?:')
_DECISIONS_MAX = 4096


def _values_key(values):
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                        for k, v in values.items()))


class Enforcer(policy.Enforcer):

    def __init__(self, conf, reload_seconds=1.0, **kwargs):
        super().__init__(conf, **kwargs)
        self.reload_seconds = reload_seconds
        self._reload_lock = threading.Lock()
        self._next_check = None
        self._decisions = {}
        self._cacheable = False

    def load_rules(self, force_reload=False):
        """As oslo.policy's, at most once per reload_seconds unless forced."""
        now = time.monotonic()
        if not self._due(now, force_reload):
            return
        with self._reload_lock:
            if self._due(now, force_reload):  # not done meanwhile
                super().load_rules(force_reload)
                self._forget(now)

    def _due(self, now, force_reload):
        return force_reload or self._next_check is None or \
            now >= self._next_check

    def set_rules(self, rules, overwrite=True, use_conf=False):
        super().set_rules(rules, overwrite=overwrite, use_conf=use_conf)
        self._forget(time.monotonic())

    def clear(self):
        super().clear()
        self._next_check = None
        self._decisions = {}

    def _forget(self, now):
        self._next_check = now + self.reload_seconds
        self._decisions = {}
        self._cacheable = not any(_REMOTE_CHECK.search(str(check))
                                  for check in self.rules.values())

    def enforce(self, rule, target, creds, do_raise=False, exc=None, *args,
                **kwargs):
        self.load_rules()
        if do_raise or args or kwargs or not self._cacheable or \
                not isinstance(rule, str):
            return super().enforce(rule, target, creds, do_raise, exc,
                                   *args, **kwargs)
        decisions = self._decisions
        try:
            values = (creds.to_policy_values()
                      if hasattr(creds, 'to_policy_values') else creds)
            key = (rule, _values_key(target), _values_key(values))
            allowed = decisions.get(key)
        except TypeError:  # an unhashable value: decide without keeping
            return super().enforce(rule, target, creds)
        if allowed is None:
            allowed = super().enforce(rule, target, creds)
            if len(decisions) >= _DECISIONS_MAX:
                decisions.clear()
            decisions[key] = allowed
        return allowed
