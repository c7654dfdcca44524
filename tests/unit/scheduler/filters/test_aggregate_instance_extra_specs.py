# SPDX-License-Identifier: Apache-2.0
"""AggregateInstanceExtraSpecsFilter: scoped flavor extra specs.

Against the host's aggregates' metadata.
"""

import pytest

from nova_like.scheduler.filters import aggregate_instance_extra_specs
from tests import factories
from tests.unit.scheduler import fixtures

FILTER = aggregate_instance_extra_specs.AggregateInstanceExtraSpecsFilter()


def _spec(**extra_specs):
    return fixtures.request_spec(flavor=factories.flavor(
        extra_specs=extra_specs))


def test_a_flavor_without_scoped_specs_fits_any_host():
    state = fixtures.host_state()
    assert FILTER.host_passes(state, _spec(**{'hw:cpu_policy': 'x'})) is None


@pytest.mark.parametrize('aggregates', [
    [fixtures.aggregate('fast', ssd='true')],
    # Another aggregate of the host may carry the value.
    [fixtures.aggregate('slow', ssd='false'),
     fixtures.aggregate('fast', ssd='true')]])
def test_a_host_whose_aggregate_has_the_value_passes(aggregates):
    state = fixtures.host_state(aggregates=aggregates)
    spec = _spec(**{'aggregate_instance_extra_specs:ssd': 'true'})
    assert FILTER.host_passes(state, spec) is None


@pytest.mark.parametrize('aggregates', [
    [], [fixtures.aggregate('slow', ssd='false')],
    [fixtures.aggregate('other', gpu='true')]])
def test_a_host_without_the_value_is_removed_naming_it(aggregates):
    state = fixtures.host_state(aggregates=aggregates)
    spec = _spec(**{'aggregate_instance_extra_specs:ssd': 'true'})
    assert FILTER.host_passes(state, spec) == 'no aggregate with ssd=true'


def test_every_scoped_spec_must_match():
    state = fixtures.host_state(aggregates=[
        fixtures.aggregate('fast', ssd='true')])
    spec = _spec(**{'aggregate_instance_extra_specs:ssd': 'true',
                    'aggregate_instance_extra_specs:gpu': 'yes'})
    assert FILTER.host_passes(state, spec) == 'no aggregate with gpu=yes'
