# SPDX-License-Identifier: Apache-2.0
"""Host filters: ``host_passes(host_state, spec)``.

It returns None to keep a host, or why it is removed.
"""

from nova_like.scheduler.filters import aggregate_instance_extra_specs
from nova_like.scheduler.filters import availability_zone
from nova_like.scheduler.filters import compute
from nova_like.scheduler.filters import image_props
from nova_like.scheduler.filters import affinity
from nova_like.scheduler.filters import server_group

ALL = {cls.__name__: cls for cls in (
    compute.ComputeFilter,
    availability_zone.AvailabilityZoneFilter,
    image_props.ImagePropertiesFilter,
    aggregate_instance_extra_specs.AggregateInstanceExtraSpecsFilter,
    affinity.SameHostFilter,
    affinity.DifferentHostFilter,
    server_group.ServerGroupAffinityFilter,
    server_group.ServerGroupAntiAffinityFilter,
)}


def load(names):
    """Instances of the named filters, in order.

    :raises: ValueError naming an unknown filter.
    """
    unknown = [n for n in names if n not in ALL]
    if unknown:
        raise ValueError('[filter_scheduler] enabled_filters: unknown filter '
                         '%s (known: %s)' % (', '.join(unknown),
                                             ', '.join(sorted(ALL))))
    return [ALL[name]() for name in names]
