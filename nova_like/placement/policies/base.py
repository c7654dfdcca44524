# SPDX-License-Identifier: Apache-2.0
"""Base rules every Placement policy refers to: admin or service only."""

from oslo_policy import policy

ADMIN = 'rule:admin_api'
ADMIN_OR_SERVICE = 'rule:admin_or_service_api'

rules = [
    policy.RuleDefault('admin_api', 'role:admin',
                       description='Default rule for most Placement APIs.',
                       scope_types=['project']),
    policy.RuleDefault('service_api', 'role:service',
                       description='Default rule for service-to-service '
                                   'Placement APIs.',
                       scope_types=['project']),
    policy.RuleDefault('admin_or_service_api', 'role:admin or role:service',
                       description='Admin or service role.',
                       scope_types=['project']),
]


def operation(name, check, method, path, description):
    """A documented rule with the project scope every Placement rule has."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


def list_rules():
    return rules
