# SPDX-License-Identifier: Apache-2.0
"""Segmentation ids from [network] vni_ranges / network_vlan_ranges."""

import types

import pytest

from nova_like.network import errors
from nova_like.network import segments


def _conf(vni=('1:3',), vlan=('public', 'physnet1:10:11')):
    return types.SimpleNamespace(vni_ranges=list(vni),
                                 network_vlan_ranges=list(vlan))


def test_parse_ranges():
    assert segments.parse_vni_ranges(['1:10', '20:20']) == [(1, 10),
                                                            (20, 20)]
    assert segments.parse_vlan_ranges(['public', 'p1:5:6']) == {
        'public': [], 'p1': [(5, 6)]}


@pytest.mark.parametrize('entry', ['0:5', '5', 'a:b', '1:%d' % 2 ** 24])
def test_bad_vni_range_names_the_option(entry):
    with pytest.raises(ValueError) as info:
        segments.parse_vni_ranges([entry])
    assert 'vni_ranges' in str(info.value)


def test_vxlan_ids_are_unique_until_exhausted_then_409(db):
    with db.writer() as session:
        got = {segments.allocate(session, _conf(), 'n%d' % i, 'vxlan')[1]
               for i in range(3)}
        assert got == {1, 2, 3}
        with pytest.raises(errors.SegmentationIdsExhausted):
            segments.allocate(session, _conf(), 'n4', 'vxlan')
        segments.release(session, 'n1')
        assert segments.allocate(session, _conf(), 'n5', 'vxlan')[1] in \
            {1, 2, 3}


def test_vlan_ids_per_physnet_and_a_named_id_taken_is_409(db):
    with db.writer() as session:
        physnet, seg = segments.allocate(session, _conf(), 'n1', 'vlan',
                                         'physnet1')
        assert physnet == 'physnet1' and seg in (10, 11)
        with pytest.raises(errors.SegmentationIdInUse):
            segments.allocate(session, _conf(), 'n2', 'vlan', 'physnet1',
                              seg)


def test_one_flat_network_per_physnet(db):
    with db.writer() as session:
        assert segments.allocate(session, _conf(), 'n1', 'flat',
                                 'public') == ('public', None)
        with pytest.raises(errors.FlatNetworkInUse):
            segments.allocate(session, _conf(), 'n2', 'flat', 'public')


@pytest.mark.parametrize('args,field', [
    (('gre',), 'provider:network_type'),
    (('vxlan', 'public'), 'provider:physical_network'),
    (('flat', 'nowhere'), 'provider:physical_network'),
    (('flat', None), 'provider:physical_network'),  # two physnets: which?
    (('vxlan', None, 2 ** 24), 'provider:segmentation_id'),
])
def test_bad_provider_attributes_name_the_field(db, args, field):
    with db.writer() as session:
        with pytest.raises(errors.BadRequest) as info:
            segments.allocate(session, _conf(), 'n1', *args)
        assert field in str(info.value)
