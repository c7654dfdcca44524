# SPDX-License-Identifier: Apache-2.0
"""Rules every Networking policy refers to, with Networking's names."""

import re

from oslo_policy import policy

ADMIN = 'rule:admin_only'
OWNER = 'rule:admin_or_owner'
NETWORK_OWNER = 'rule:admin_or_network_owner'
ANYONE = 'rule:regular_user'


@policy.register('field')
class FieldCheck(policy.Check):
    """field:<resource>:<attribute>=<value>: the target's attribute has
    that value (as text), e.g. field:networks:shared=True; a value of
    ~<regex> matches from the start, e.g. field:port:device_owner=~^network:.
    """

    def __init__(self, kind, match):
        super().__init__(kind, match)
        _resource, _, rest = match.partition(':')
        self.attribute, _, self.value = rest.partition('=')

    def __call__(self, target, creds, enforcer, current_rule=None):
        value = str(target.get(self.attribute))
        if self.value.startswith('~'):
            return re.match(self.value[1:], value) is not None
        return value == self.value


rules = [
    policy.RuleDefault('context_is_admin', 'role:admin',
                       description='Rule for cloud admin access'),
    policy.RuleDefault('admin_only', 'rule:context_is_admin',
                       description='Rule for admin-only access'),
    policy.RuleDefault('regular_user', '',
                       description='Rule for regular user access'),
    policy.RuleDefault(
        'admin_or_owner',
        'rule:context_is_admin or project_id:%(project_id)s',
        description='Rule for resource owner access'),
    policy.RuleDefault(
        'admin_or_network_owner',
        'rule:context_is_admin or project_id:%(network:project_id)s',
        description='Rule for network owner access'),
    policy.RuleDefault('network_device', 'field:port:device_owner=~^network:',
                       description='Definition of a network device port'),
    policy.RuleDefault('shared', 'field:networks:shared=True',
                       description='Definition of a shared network'),
    policy.RuleDefault('external', 'field:networks:router:external=True',
                       description='Definition of an external network'),
]


def operation(name, check, method, path, description):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'method': method, 'path': path}])


def attribute(action, attr, check, method, path):
    """A rule on one attribute of a request or answer: action:attr."""
    return operation('%s:%s' % (action, attr), check, method, path,
                     '%s attribute %s' % (action, attr))


def list_rules():
    return rules
