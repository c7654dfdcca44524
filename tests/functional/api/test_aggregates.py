# SPDX-License-Identifier: Apache-2.0
"""os-aggregates ids as Nova reads them: not an integer 400, none such 404."""

import pytest


@pytest.mark.parametrize('aggregate_id', ['-1', '0', '99999', '2147483648',
                                          '99999999999999999999'])
def test_integer_no_aggregate_has_is_404(cloud, aggregate_id):
    path = '/v2.1/os-aggregates/' + aggregate_id
    for method in ('get', 'delete'):
        answer = getattr(cloud.admin, method)(path)
        assert answer.status_int == 404, answer.body
        assert answer.json['itemNotFound']['message'] == (
            'Aggregate %s could not be found.' % aggregate_id)
    answer = cloud.admin.put(path, {'aggregate': {'name': 'x'}})
    assert answer.status_int == 404


@pytest.mark.parametrize('aggregate_id', ['abc', '1.5', '1e3', '%EF%BC%95'])
def test_not_an_integer_is_400(cloud, aggregate_id):
    answer = cloud.admin.get('/v2.1/os-aggregates/' + aggregate_id)
    assert answer.status_int == 400, answer.body
    assert 'must be an integer' in answer.json['badRequest']['message']


def test_existing_aggregate_is_found(cloud):
    made = cloud.admin.post('/v2.1/os-aggregates',
                            {'aggregate': {'name': 'agg1'}})
    assert made.status_int == 200, made.body
    shown = cloud.admin.get('/v2.1/os-aggregates/%d'
                            % made.json['aggregate']['id'])
    assert shown.json['aggregate']['name'] == 'agg1'
