# SPDX-License-Identifier: Apache-2.0
"""Policy defaults: every rule is admin or service, and names are unique."""

from oslo_config import cfg

from nova_like.placement import context
from nova_like.placement import policies


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
