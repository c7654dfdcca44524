# SPDX-License-Identifier: Apache-2.0
"""Weighers: RAM, CPU and disk.

Each is normalized over the hosts and multiplied by its [filter_scheduler]
multiplier.
"""

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


def _group_weights(host_states):
    """Soft (anti-)affinity: more members on a host weigh for (against) it."""
    group = host_states[0].server_group
    policy = group.policy if group is not None else None
    if policy == 'soft-affinity':
        sign = CONF.filter_scheduler.soft_affinity_weight_multiplier
    elif policy == 'soft-anti-affinity':
        sign = -CONF.filter_scheduler.soft_anti_affinity_weight_multiplier
    else:
        return [0.0] * len(host_states)
    # Outweighs the resource weighers (each at most its multiplier).
    scale = 1.0 + sum(abs(getattr(CONF.filter_scheduler, o))
                      for _rc, o in _WEIGHERS)
    normalized = _normalize([h.group_members_here() for h in host_states])
    return [sign * scale * n for n in normalized]


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
    totals = [t + w for t, w in zip(totals, _group_weights(host_states))]
    order = sorted(range(len(host_states)), key=lambda i: -totals[i])
    return [host_states[i] for i in order]
