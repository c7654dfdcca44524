# SPDX-License-Identifier: Apache-2.0
"""The instance usage audit log body of one audit period.

nova_like runs no instance usage audit task, so, as Nova on a cloud where
the task never ran, every compute host is counted and listed as not run.
"""

import datetime


def last_completed_period(before):
    """(begin, end) of the last whole month before `before`, Nova's
    default audit period: months start on the 1st at 00:00."""
    end = datetime.datetime(before.year, before.month, 1)
    if end >= before:
        end = _month_before(end)
    return _month_before(end), end


def _month_before(moment):
    if moment.month == 1:
        return moment.replace(year=moment.year - 1, month=12)
    return moment.replace(month=moment.month - 1)


def audit_log(begin, end, hosts):
    """The log of [begin, end) for compute hosts, none of which ran."""
    hosts = sorted(set(hosts))
    status = '%s hosts done. 0 errors.' % (
        'ALL' if not hosts else '0 of %d' % len(hosts))
    if hosts:
        status += ' %d hosts not run.' % len(hosts)
    return {
        'period_beginning': str(begin),
        'period_ending': str(end),
        'num_hosts': len(hosts),
        'num_hosts_done': 0,
        'num_hosts_running': 0,
        'num_hosts_not_run': len(hosts),
        'hosts_not_run': hosts,
        'total_instances': 0,
        'total_errors': 0,
        'overall_status': status,
        'log': {},
    }
