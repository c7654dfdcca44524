# SPDX-License-Identifier: Apache-2.0
"""Microversion parsing and negotiation of the Compute API."""

import pytest
import webob.exc

from nova_like.api import microversion


@pytest.mark.parametrize('text, version', [('2.1', (2, 1)),
                                           ('2.37', (2, 37)),
                                           (' 2.10 ', (2, 10))])
def test_parse(text, version):
    assert microversion.parse(text) == version


@pytest.mark.parametrize('text', ['2', '2.', '.1', '2.1.0', 'a.b', ''])
def test_parse_rejects(text):
    with pytest.raises(ValueError):
        microversion.parse(text)


def test_no_header_is_the_minimum():
    assert microversion.negotiate({}) == microversion.MIN_VERSION


def test_latest_is_the_maximum():
    assert microversion.negotiate(
        {'OpenStack-API-Version': 'compute latest'}) == \
        microversion.MAX_VERSION


def test_versions_compare_as_numbers_not_text():
    # 2.10 > 2.9 although '2.10' < '2.9' as text.
    assert microversion.parse('2.10') > microversion.parse('2.9')


def test_out_of_range_is_406_naming_the_range():
    with pytest.raises(webob.exc.HTTPNotAcceptable) as info:
        microversion.negotiate({'OpenStack-API-Version': 'compute 3.0'})
    assert 'Minimum is 2.1 and maximum is %s' % microversion.to_str(
        microversion.MAX_VERSION) in info.value.explanation


def test_malformed_is_400():
    with pytest.raises(webob.exc.HTTPBadRequest):
        microversion.negotiate({'X-OpenStack-Nova-API-Version': 'abc'})
