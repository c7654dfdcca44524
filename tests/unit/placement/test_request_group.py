# SPDX-License-Identifier: Apache-2.0
"""Parsing of resources, required and member_of query values."""

import pytest

from nova_like.placement import errors
from nova_like.placement.objects import request_group as rg

AGG1 = '14a5c8a3-5a99-4e8f-88be-00d85fcb1c17'
AGG2 = '24a5c8a3-5a99-4e8f-88be-00d85fcb1c17'


def test_resources():
    assert rg.parse_resources('VCPU:1,MEMORY_MB:512') == {
        'VCPU': 1, 'MEMORY_MB': 512}


@pytest.mark.parametrize('text', ['VCPU', 'VCPU:0', 'VCPU:-1', 'VCPU:x',
                                  'VCPU:1,VCPU:2', 'vcpu:1', 'VCPU:1.5'])
def test_bad_resources(text):
    with pytest.raises(errors.BadRequest):
        rg.parse_resources(text)


def test_required_and_forbidden():
    required, forbidden = rg.parse_required('A,!B', 'required', True, True)
    assert required == [{'A'}] and forbidden == {'B'}


def test_any_of_needs_permission():
    assert rg.parse_required('in:A,B', 'required', True, True) == (
        [{'A', 'B'}], set())
    with pytest.raises(errors.BadRequest):
        rg.parse_required('in:A,B', 'required', True, False)


def test_forbidden_needs_permission():
    with pytest.raises(errors.BadRequest):
        rg.parse_required('!A', 'required', False, False)


def test_conflicting_traits():
    with pytest.raises(errors.BadRequest):
        rg.parse_required('A,!A', 'required', True, False)


def test_member_of_forms():
    assert rg.parse_member_of(AGG1, 'member_of', True) == ({AGG1}, set())
    assert rg.parse_member_of('in:%s,%s' % (AGG1, AGG2), 'member_of',
                              True) == ({AGG1, AGG2}, set())
    assert rg.parse_member_of('!' + AGG1, 'member_of', True) == (
        None, {AGG1})
    assert rg.parse_member_of('!in:%s,%s' % (AGG1, AGG2), 'member_of',
                              True) == (None, {AGG1, AGG2})


@pytest.mark.parametrize('text', ['nope', 'in:nope', '%s,%s' % (AGG1, AGG2)])
def test_bad_member_of(text):
    with pytest.raises(errors.BadRequest):
        rg.parse_member_of(text, 'member_of', True)
