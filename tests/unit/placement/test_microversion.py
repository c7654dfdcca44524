# SPDX-License-Identifier: Apache-2.0
"""Microversion parsing and negotiation."""

import pytest

from nova_like.placement import errors
from nova_like.placement import microversion


def _negotiate(value):
    headers = {} if value is None else {'OpenStack-API-Version': value}
    return microversion.negotiate(headers)


@pytest.mark.parametrize('value,expected', [
    (None, (1, 0)),
    ('placement 1.5', (1, 5)),
    ('placement latest', (1, 39)),
    ('placement 1.39', (1, 39)),
    ('compute 2.1', (1, 0)),
])
def test_negotiate(value, expected):
    assert _negotiate(value) == expected


@pytest.mark.parametrize('value', ['placement 1.a', 'placement 1.',
                                   'placement 01.1', 'placement 1.01'])
def test_malformed_is_400(value):
    with pytest.raises(errors.BadRequest):
        _negotiate(value)


@pytest.mark.parametrize('value', ['placement 1.40', 'placement 2.0',
                                   'placement 0.9'])
def test_out_of_range_is_406(value):
    with pytest.raises(errors.NotAcceptable):
        _negotiate(value)
