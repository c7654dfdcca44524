# SPDX-License-Identifier: Apache-2.0
"""Policy defaults: every rule is admin or service, names are unique.

And handlers name only registered rules.
"""

import pathlib

from oslo_config import cfg
import pytest

from nova_like.placement import context
from nova_like.placement import policies
from tests import policy_names


def test_rules_unique():
    names = [r.name for r in policies.list_rules()]
    assert len(names) == len(set(names))


def test_defaults_admin_or_service():
    conf = cfg.ConfigOpts()
    conf([], default_config_files=[], default_config_dirs=[])
    enforcer = policies.get_enforcer(conf)
    for roles, allowed in ((['admin'], True), (['service'], True),
                           (['member'], False), ([], False)):
        ctx = context.RequestContext(roles=roles, project_id='p',
                                     user_id='u', enforcer=enforcer)
        for rule in policies.list_rules():
            if rule.name.startswith('placement:'):
                assert ctx.can(rule.name, fatal=False) is allowed, (
                    rule.name, roles)


HANDLERS = sorted((pathlib.Path(policies.__file__).parent.parent
                   / 'handlers').glob('*.py'))


def _names_used(path):
    return policy_names.names_used(
        path.read_text(), 'nova_like.placement.policies', 'placement:')


@pytest.mark.parametrize('path', HANDLERS, ids=lambda p: p.stem)
def test_every_rule_a_handler_names_is_registered(path):
    registered = {rule.name for rule in policies.list_rules()}
    constants, literals = _names_used(path)
    assert literals == [], 'use the constant of placement/policies'
    assert [c for c in constants if c[2] not in registered] == []


def test_every_documented_rule_is_checked_by_a_handler():
    used = {name for path in HANDLERS
            for _line, _expr, name in _names_used(path)[0]}
    documented = {rule.name for rule in policies.list_rules()
                  if hasattr(rule, 'operations')}
    assert documented - used == set()
