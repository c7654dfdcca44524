# SPDX-License-Identifier: Apache-2.0
"""nova_like.scheduler.filters: loading filters by name.

The filters named in [filter_scheduler] enabled_filters.
"""

import pytest

from nova_like import conf
from nova_like.scheduler import filters


def test_load_gives_instances_in_the_order_named():
    loaded = filters.load(['DifferentHostFilter', 'ComputeFilter'])
    assert [type(f).__name__ for f in loaded] == ['DifferentHostFilter',
                                                  'ComputeFilter']


def test_every_default_filter_is_known():
    names = conf.CONF.filter_scheduler.enabled_filters
    assert [type(f).__name__ for f in filters.load(names)] == names


def test_an_unknown_filter_is_named_with_the_known_ones():
    with pytest.raises(ValueError) as info:
        filters.load(['ComputeFilter', 'RamFilter'])
    message = str(info.value)
    assert message.startswith('[filter_scheduler] enabled_filters: unknown '
                              'filter RamFilter (known: ')
    for name in filters.ALL:
        assert name in message


def test_every_filter_answers_none_or_a_reason():
    for cls in filters.ALL.values():
        assert callable(getattr(cls(), 'host_passes', None)), cls
