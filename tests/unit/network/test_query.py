# SPDX-License-Identifier: Apache-2.0
"""Filters, fields, sorting and paging of list calls."""

import pytest
import webob.multidict

from nova_like.network import errors
from nova_like.network import query

ITEMS = [{'id': '1', 'name': 'b', 'shared': False, 'mtu': 1450},
         {'id': '2', 'name': 'a', 'shared': True, 'mtu': 1500},
         {'id': '3', 'name': 'c', 'shared': False, 'mtu': 1450}]


def _apply(*params):
    return query.apply([dict(i) for i in ITEMS],
                       webob.multidict.MultiDict(params), 'networks',
                       'http://h/v2.0/networks')


def test_repeated_filter_is_any_of_and_booleans_match_text():
    assert [i['id'] for i in _apply(('name', 'a'), ('name', 'c'))[
        'networks']] == ['2', '3']
    assert [i['id'] for i in _apply(('shared', 'True'))['networks']] == \
        ['2']
    assert [i['id'] for i in _apply(('mtu', '1450'))['networks']] == \
        ['1', '3']


def test_sort_keys_and_dirs():
    body = _apply(('sort_key', 'mtu'), ('sort_dir', 'desc'),
                  ('sort_key', 'name'), ('sort_dir', 'asc'))
    assert [i['id'] for i in body['networks']] == ['2', '1', '3']


def test_limit_and_marker_make_a_next_link():
    body = _apply(('limit', '2'), ('sort_key', 'name'), ('sort_dir', 'asc'))
    assert [i['id'] for i in body['networks']] == ['2', '1']
    assert 'marker=1' in body['networks_links'][0]['href']
    body = _apply(('limit', '2'), ('marker', '1'), ('sort_key', 'name'),
                  ('sort_dir', 'asc'))
    assert [i['id'] for i in body['networks']] == ['3']
    assert 'networks_links' not in body


def test_fields_keep_only_those():
    assert _apply(('fields', 'name'))['networks'][0] == {'name': 'b'}


@pytest.mark.parametrize('params', [
    (('sort_key', 'name'), ('sort_dir', 'sideways')),
    (('sort_key', 'nope'),),
    (('limit', 'x'),),
])
def test_bad_list_options_are_400(params):
    with pytest.raises(errors.BadRequest):
        _apply(*params)


def test_unknown_marker_is_404():
    with pytest.raises(errors.NotFound):
        _apply(('marker', 'missing'))


def test_sorting_by_a_list_attribute_does_not_fail():
    items = [{'id': '1', 'subnets': ['b']}, {'id': '2', 'subnets': []},
             {'id': '3', 'subnets': None}]
    body = query.apply(items, webob.multidict.MultiDict(
        [('sort_key', 'subnets')]), 'networks', 'http://h')
    assert [i['id'] for i in body['networks']][0] == '3'  # None first
    assert len(body['networks']) == 3
