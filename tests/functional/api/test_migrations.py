# SPDX-License-Identifier: Apache-2.0
"""os-migrations: empty until servers move; the query checked as Nova."""

import pytest


def test_empty_list_for_admins_only(cloud):
    for version in ('2.1', '2.23', '2.59', '2.66', '2.80', '2.100'):
        answer = cloud.admin.get('/v2.1/os-migrations', version=version)
        assert answer.status_int == 200, answer.body
        assert answer.json == {'migrations': []}
    assert cloud.admin.get('/v2.1/os-migrations?host=h&status=done&'
                           'migration_type=resize&limit=5&user_id=u'
                           ).json == {'migrations': []}
    assert cloud.alice.get('/v2.1/os-migrations').status_int == 403


@pytest.mark.parametrize('query, version', [
    ('limit=-1', '2.59'), ('limit=x', '2.100'),
    ('changes-since=yesterday', '2.59'),
    ('marker=00000000-0000-4000-8000-000000000000', '2.59'),
    (('changes-since=2026-02-01T00:00:00&'
      'changes-before=2026-01-01T00:00:00'), '2.66')])
def test_bad_queries_are_400(cloud, query, version):
    answer = cloud.admin.get('/v2.1/os-migrations?' + query, version=version)
    assert answer.status_int == 400, answer.body


def test_filters_before_their_version_are_ignored(cloud):
    assert cloud.admin.get('/v2.1/os-migrations?limit=x', version='2.58'
                           ).status_int == 200
