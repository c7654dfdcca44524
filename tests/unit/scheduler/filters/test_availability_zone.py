# SPDX-License-Identifier: Apache-2.0
"""AvailabilityZoneFilter: the zone (and zone:host) a server asks for."""

import pytest

from nova_like.scheduler.filters import availability_zone
from tests.unit.scheduler import fixtures

FILTER = availability_zone.AvailabilityZoneFilter()


def _in_az1(host='cmp1'):
    return fixtures.host_state(host, aggregates=[
        fixtures.aggregate('agg1', [host], availability_zone='az1')])


@pytest.mark.parametrize('zone', [None, ''])
def test_no_zone_asked_keeps_every_host(zone):
    assert FILTER.host_passes(
        _in_az1(), fixtures.request_spec(availability_zone=zone)) is None


@pytest.mark.parametrize('zone', ['az1', 'az1:cmp1', ':cmp1'])
def test_the_zone_and_host_asked_pass(zone):
    assert FILTER.host_passes(
        _in_az1(), fixtures.request_spec(availability_zone=zone)) is None


def test_a_host_of_another_zone_is_removed_naming_its_zone():
    spec = fixtures.request_spec(availability_zone='az1')
    assert FILTER.host_passes(fixtures.host_state(), spec) == 'in zone nova'


def test_the_default_zone_follows_the_option(conf):
    conf.set_override('default_availability_zone', 'az0')
    spec = fixtures.request_spec(availability_zone='az0')
    assert FILTER.host_passes(fixtures.host_state(), spec) is None


@pytest.mark.parametrize('zone', ['az1:cmp2', ':cmp2'])
def test_another_host_than_asked_is_removed(zone):
    assert FILTER.host_passes(
        _in_az1(), fixtures.request_spec(availability_zone=zone)) == (
            'not host cmp2')
