# SPDX-License-Identifier: Apache-2.0
"""The base rules every Compute API rule refers to, with Nova's names."""

from oslo_policy import policy

ADMIN = 'rule:context_is_admin'
PROJECT_MEMBER_OR_ADMIN = 'rule:project_member_or_admin'
PROJECT_READER_OR_ADMIN = 'rule:project_reader_or_admin'
ANY = '@'

rules = [
    policy.RuleDefault(
        'context_is_admin', 'role:admin',
        description='Decides what is an admin: across every project.'),
    policy.RuleDefault(
        'admin_api', 'role:admin',
        description='Default rule for administrative APIs.'),
    policy.RuleDefault(
        'project_member_api', 'role:member and project_id:%(project_id)s',
        description='A member of the project that owns the resource.'),
    policy.RuleDefault(
        'project_reader_api', 'role:reader and project_id:%(project_id)s',
        description='A reader of the project that owns the resource.'),
    policy.RuleDefault(
        'project_member_or_admin',
        'rule:project_member_api or rule:context_is_admin',
        description='A project member, or an admin.'),
    policy.RuleDefault(
        'project_reader_or_admin',
        'rule:project_reader_api or rule:context_is_admin',
        description='A project reader, or an admin.'),
]


def operation(name, check, description, *operations):
    """A documented, project-scoped rule; operations are (method, path)."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'method': m, 'path': p} for m, p in operations],
        scope_types=['project'])


def list_rules():
    return rules
