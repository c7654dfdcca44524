# SPDX-License-Identifier: Apache-2.0
"""Weighers: RAM, CPU and disk, each normalized over the hosts and multiplied by its [filter_scheduler] multiplier."""

import os_resource_classes as orc

from nova_like import conf

CONF = conf.CONF

# (resource class, multiplier option)
_WEIGHERS = ((orc.MEMORY_MB, 'ram_weight_multiplier'),
             (orc.VCPU, 'cpu_weight_multiplier'),
             (orc.DISK_GB, 'disk_weight_multiplier'))


def _normalize(values):
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(v - low) / float(high - low) for v in values]


def weigh(host_states):
    """host_states sorted best first (most free, by default)."""
    if not host_states:
        return []
    totals = [0.0] * len(host_states)
    for rc, option in _WEIGHERS:
        multiplier = getattr(CONF.filter_scheduler, option)
        if not multiplier:
            continue
        normalized = _normalize([h.free.get(rc, 0) for h in host_states])
        totals = [t + multiplier * n for t, n in zip(totals, normalized)]
    order = sorted(range(len(host_states)), key=lambda i: -totals[i])
    return [host_states[i] for i in order]
