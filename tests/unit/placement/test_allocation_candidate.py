# SPDX-License-Identifier: Apache-2.0
"""The in-memory steps of allocation candidates: options, traits, forms."""

import decimal

from nova_like.placement.objects import allocation_candidate as ac
from nova_like.placement.objects import request_group


class _Req:
    """What _TraitCheck needs of a request: trait names to ids."""

    trait_ids = {'A': 1, 'B': 2, 'C': 3}

    def traits(self, names):
        return {self.trait_ids[n] for n in names}


def _group(suffix='', resources=('VCPU', 'DISK_GB')):
    g = request_group.RequestGroup(suffix)
    g.resources = {name: 1 for name in resources}
    return g


def test_options_one_provider_needs_every_class():
    # rc ids 10 and 20: bit 0 is 10, bit 1 is 20.
    rows = [(1, 1, 3), (2, 2, 1), (3, 3, 2)]
    opts = ac._options_for(_group(), rows, {10: 1, 20: 5}, set(), {})
    assert opts.by_root == {1: [(1, 1)]}


def test_options_spread_over_a_tree():
    # Root 1 has room for class 10, its children 2 and 3 for class 20.
    rows = [(1, 1, 1), (3, 1, 2), (2, 1, 2)]
    opts = ac._options_for(_group(), rows, {10: 1, 20: 5}, set(), {})
    assert opts.by_root == {1: [(1, 2), (1, 3)]}
    suffixed = ac._options_for(_group('_X'), rows, {10: 1, 20: 5}, set(), {})
    assert suffixed.by_root == {}


def test_options_accept_decimal_masks():
    # MySQL's SUM() returns a Decimal.
    rows = [(1, 1, decimal.Decimal(1)), (2, 1, decimal.Decimal(3))]
    opts = ac._options_for(_group(), rows, {10: 1, 20: 5}, set(), {})
    assert opts.by_root == {1: [(1, 2), (2, 2)]}
    rows = [(4, 4, decimal.Decimal(3))]
    opts = ac._options_for(_group(), rows, {10: 1, 20: 5}, set(), {})
    assert opts.by_root == {4: [(4, 4)]}


def test_options_sharing_provider_lends_to_anchors():
    # Provider 9 (its own root) shares class 20 with root 1's tree.
    rows = [(1, 1, 1), (9, 9, 2)]
    opts = ac._options_for(_group(), rows, {10: 1, 20: 5}, {9}, {9: {1, 9}})
    assert opts.by_root == {1: [(1, 9)]}


def _check(required=(), forbidden=(), rows=()):
    g = request_group.RequestGroup()
    g.required_any = [set(a) for a in required]
    g.forbidden = set(forbidden)
    return ac._TraitCheck(_Req(), list(rows), g)


def test_trait_check_one_provider():
    check = _check(required=[{'A'}, {'B', 'C'}],
                   rows=[(1, 1), (1, 3), (2, 1), (3, 2)])
    assert check((1,))
    assert check((1, 1))
    assert not check((2,))
    assert not check((3, 3))


def test_trait_check_several_providers_together():
    check = _check(required=[{'A'}, {'B'}], forbidden=['C'],
                   rows=[(1, 1), (2, 2), (3, 3)])
    assert check((1, 2))
    assert not check((1, 1))
    assert not check((1, 2, 3))


def test_trait_check_forbidden_only():
    check = _check(forbidden=['C'], rows=[(3, 3)])
    assert check((1,))
    assert not check((3,))
    assert check((1, 2))
    assert not check((1, 3))


def test_one_provider_full_form():
    amounts = {10: 1, 20: 5}
    c = ac.OneProvider(7, '_X', amounts)
    assert c.allocations == {7: {10: 1, 20: 5}}
    assert c.mappings == {'_X': [7]}
    assert not c.merged
    c.allocations[7][10] = 99
    assert amounts == {10: 1, 20: 5}
