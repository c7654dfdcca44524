# SPDX-License-Identifier: Apache-2.0
"""os-instance_usage_audit_log: no audit task, every host not run."""

import datetime

import pytest

from nova_like.api.views import instance_usage_audit_log as view
from tests.functional.api import fakes


def test_show_before_a_time(cloud):
    answer = cloud.admin.get('/v2.1/os-instance_usage_audit_log/'
                             '2026-12-07%2022%3A05%3A40')
    assert answer.status_int == 200, answer.body
    assert answer.json == {'instance_usage_audit_log': {
        'period_beginning': '2026-11-01 00:00:00',
        'period_ending': '2026-12-01 00:00:00',
        'num_hosts': 1, 'num_hosts_done': 0, 'num_hosts_running': 0,
        'num_hosts_not_run': 1, 'hosts_not_run': [fakes.HOST],
        'total_instances': 0, 'total_errors': 0,
        'overall_status': '0 of 1 hosts done. 0 errors. 1 hosts not run.',
        'log': {}}}
    fraction = cloud.admin.get('/v2.1/os-instance_usage_audit_log/'
                               '2026-01-01%2000:00:00.5').json
    assert fraction['instance_usage_audit_log']['period_beginning'] == (
        '2025-12-01 00:00:00')


def test_index_is_the_last_completed_month(cloud):
    answer = cloud.admin.get('/v2.1/os-instance_usage_audit_log')
    assert answer.status_int == 200, answer.body
    log = answer.json['instance_usage_audit_logs']
    now = datetime.datetime.now(datetime.timezone.utc)
    assert log['period_ending'] == '%04d-%02d-01 00:00:00' % (now.year,
                                                              now.month)


@pytest.mark.parametrize('before, begin, end', [
    (datetime.datetime(2026, 3, 1, 0, 0), datetime.datetime(2026, 1, 1),
     datetime.datetime(2026, 2, 1)),
    (datetime.datetime(2026, 1, 15), datetime.datetime(2025, 12, 1),
     datetime.datetime(2026, 1, 1)),
    (datetime.datetime(2026, 2, 1, 0, 0, 1), datetime.datetime(2026, 1, 1),
     datetime.datetime(2026, 2, 1))])
def test_last_completed_period(before, begin, end):
    assert view.last_completed_period(before) == (begin, end)


def test_bad_time_and_non_admin(cloud):
    bad = cloud.admin.get('/v2.1/os-instance_usage_audit_log/invalid_time')
    assert bad.status_int == 400
    assert bad.json['badRequest']['message'] == (
        'Invalid timestamp for date invalid_time')
    assert cloud.alice.get('/v2.1/os-instance_usage_audit_log'
                           ).status_int == 403
    assert cloud.alice.get('/v2.1/os-instance_usage_audit_log/'
                           'invalid_time').status_int == 403
