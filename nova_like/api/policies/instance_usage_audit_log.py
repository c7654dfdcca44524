# SPDX-License-Identifier: Apache-2.0
"""Rules of os-instance_usage_audit_log (Nova's names)."""

from nova_like.api.policies import base

_ROOT = 'os_compute_api:os-instance-usage-audit-log:%s'
LIST = _ROOT % 'list'
SHOW = _ROOT % 'show'

rules = [
    base.operation(LIST, base.ADMIN,
                   'Show the usage audit log of the last completed period.',
                   ('GET', '/os-instance_usage_audit_log')),
    base.operation(SHOW, base.ADMIN,
                   'Show the usage audit log of the last period completed '
                   'before a time.',
                   ('GET', '/os-instance_usage_audit_log/{before_timestamp}')),
]


def list_rules():
    return rules
