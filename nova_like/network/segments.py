# SPDX-License-Identifier: Apache-2.0
"""Segmentation ids of networks, taken race-free.

From [network] vni_ranges and network_vlan_ranges.

A taken id is a row of segment_allocations, unique per (type, physical
network, id): a writer inserts a free-looking candidate and, if another
writer took it meanwhile, tries the next. A flat network takes id 0 of its
physical network, so there is one flat network per physical network.
"""

import random

import sqlalchemy as sa

from nova_like.network.db import api as db_api
from nova_like.network.db import models
from nova_like.network import errors

TYPES = ('flat', 'vlan', 'vxlan')
MAX_VNI = 2 ** 24 - 1
MAX_VLAN = 4094
# How many free ids one attempt picks among, at random, so that writers
# racing for the lowest free id rarely collide.
_SPREAD = 16


def parse_vni_ranges(entries):
    """[(min, max), ...] of 'min:max' entries; ValueError naming one."""
    ranges = []
    for entry in entries:
        low, high = _pair(entry, 'vni_ranges')
        if not 1 <= low <= high <= MAX_VNI:
            raise ValueError('[network] vni_ranges: %r is not within '
                             '1:%d' % (entry, MAX_VNI))
        ranges.append((low, high))
    return ranges


def parse_vlan_ranges(entries):
    """{physnet: [(min, max), ...]} of 'physnet[:min:max]' entries."""
    physnets = {}
    for entry in entries:
        name, _, rest = entry.strip().partition(':')
        if not name:
            raise ValueError('[network] network_vlan_ranges: %r has no '
                             'physical network' % entry)
        ranges = physnets.setdefault(name, [])
        if rest:
            low, high = _pair(rest, 'network_vlan_ranges')
            if not 1 <= low <= high <= MAX_VLAN:
                raise ValueError('[network] network_vlan_ranges: %r is not '
                                 'within 1:%d' % (entry, MAX_VLAN))
            ranges.append((low, high))
    return physnets


def _pair(text, option):
    try:
        low, high = (int(part) for part in text.strip().split(':'))
    except ValueError:
        raise ValueError('[network] %s: %r is not min:max' % (option, text))
    return low, high


def _taken(session, network_type, physnet):
    table = models.SegmentAllocation
    return set(session.execute(
        sa.select(table.segmentation_id).where(
            table.network_type == network_type,
            table.physical_network == physnet)).scalars())


def _free(ranges, taken, limit):
    found = []
    for low, high in ranges:
        for seg_id in range(low, high + 1):
            if seg_id not in taken:
                found.append(seg_id)
                if len(found) == limit:
                    return found
    return found


def _insert(session, network_type, physnet, seg_id, network_id):
    """True when this writer took the id, False when someone else has."""
    try:
        with session.begin_nested():
            session.add(models.SegmentAllocation(
                network_type=network_type, physical_network=physnet,
                segmentation_id=seg_id, network_id=network_id))
        return True
    except sa.exc.IntegrityError as exc:
        if not db_api.is_duplicate(exc):
            raise
        return False


def allocate(session, conf, network_id, network_type,
             physical_network=None, segmentation_id=None):
    """Take a segment for a new network; its (physnet, id).

    :param conf: the [network] group.
    :raises: BadRequest naming the provider attribute that is wrong,
        SegmentationIdInUse / FlatNetworkInUse when the asked-for one is
        taken, SegmentationIdsExhausted when none is left.
    """
    vlan_ranges = parse_vlan_ranges(conf.network_vlan_ranges)
    if network_type not in TYPES:
        raise errors.bad_request(
            'provider:network_type', 'network type %s is not one of %s'
            % (network_type, ', '.join(TYPES)))
    if network_type == 'vxlan':
        if physical_network:
            raise errors.bad_request(
                'provider:physical_network',
                'a vxlan network has no physical network')
        ranges = parse_vni_ranges(conf.vni_ranges)
        return None, _take(session, network_id, 'vxlan', '', ranges,
                           segmentation_id, MAX_VNI)
    if not physical_network:
        if len(vlan_ranges) != 1:
            raise errors.bad_request(
                'provider:physical_network',
                'a %s network needs a physical network (one of '
                '[network] network_vlan_ranges: %s)'
                % (network_type, ', '.join(sorted(vlan_ranges)) or 'none'))
        physical_network = next(iter(vlan_ranges))
    if physical_network not in vlan_ranges:
        raise errors.bad_request(
            'provider:physical_network',
            'physical network %s is not in [network] network_vlan_ranges'
            % physical_network)
    if network_type == 'flat':
        if segmentation_id is not None:
            raise errors.bad_request(
                'provider:segmentation_id',
                'a flat network has no segmentation id')
        if not _insert(session, 'flat', physical_network, 0, network_id):
            raise errors.FlatNetworkInUse(physical_network=physical_network)
        return physical_network, None
    return physical_network, _take(
        session, network_id, 'vlan', physical_network,
        vlan_ranges[physical_network], segmentation_id, MAX_VLAN)


def _take(session, network_id, network_type, physnet, ranges,
          segmentation_id, maximum):
    if segmentation_id is not None:
        # An admin may name any valid id, inside the ranges or not.
        if not 1 <= segmentation_id <= maximum:
            raise errors.bad_request(
                'provider:segmentation_id',
                '%s id %s is not within 1:%d'
                % (network_type, segmentation_id, maximum))
        if not _insert(session, network_type, physnet, segmentation_id,
                       network_id):
            raise errors.SegmentationIdInUse(
                network_type=network_type, segmentation_id=segmentation_id,
                physical_network=physnet or '-')
        return segmentation_id
    taken = _taken(session, network_type, physnet)
    while True:
        free = _free(ranges, taken, _SPREAD)
        if not free:
            where = ' on physical network %s' % physnet if physnet else ''
            raise errors.SegmentationIdsExhausted(network_type=network_type,
                                                  where=where)
        candidate = random.choice(free)
        if _insert(session, network_type, physnet, candidate, network_id):
            return candidate
        taken.add(candidate)


def release(session, network_id):
    """Give back the network's segment."""
    table = models.SegmentAllocation
    session.execute(sa.delete(table).where(table.network_id == network_id))
