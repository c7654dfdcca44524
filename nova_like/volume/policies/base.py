# SPDX-License-Identifier: Apache-2.0
"""Rules every Block Storage policy refers to, with Cinder's names."""

from oslo_policy import policy

ADMIN_API = 'rule:admin_api'
READER = 'rule:xena_system_admin_or_project_reader'
MEMBER = 'rule:xena_system_admin_or_project_member'
ANYONE = ''

rules = [
    policy.RuleDefault('context_is_admin', 'role:admin',
                       description="Decides what is required for the "
                                   "'is_admin:True' check to succeed."),
    policy.RuleDefault('admin_api',
                       'is_admin:True or (role:admin and '
                       'is_admin_project:True)',
                       description='Default rule for most Admin APIs.'),
    policy.RuleDefault(
        'xena_system_admin_or_project_reader',
        '(role:admin) or (role:reader and project_id:%(project_id)s)',
        description='An admin, or a reader of the project'),
    policy.RuleDefault(
        'xena_system_admin_or_project_member',
        '(role:admin) or (role:member and project_id:%(project_id)s)',
        description='An admin, or a member of the project'),
]


def operation(name, check, operations, description):
    """A documented rule; operations is [(method, path)]."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'method': m, 'path': p} for m, p in operations])


def list_rules():
    return rules
