# SPDX-License-Identifier: Apache-2.0
"""IPAM: default gateway and pools, pool checks, allocation and release."""

import ipaddress

import pytest

from nova_like import exception
from nova_like.network.db import models
from nova_like.network import errors
from nova_like.network import ipam

NET = ipaddress.ip_network('10.0.0.0/29')


def test_default_gateway_is_the_first_host():
    assert ipam.default_gateway(NET) == '10.0.0.1'


def test_default_pools_skip_the_gateway_wherever_it_is():
    assert ipam.default_pools(NET, '10.0.0.1') == [
        {'start': '10.0.0.2', 'end': '10.0.0.6'}]
    assert ipam.default_pools(NET, '10.0.0.4') == [
        {'start': '10.0.0.1', 'end': '10.0.0.3'},
        {'start': '10.0.0.5', 'end': '10.0.0.6'}]
    assert ipam.default_pools(NET, None) == [
        {'start': '10.0.0.1', 'end': '10.0.0.6'}]


@pytest.mark.parametrize('pools', [
    [{'start': '10.0.0.0', 'end': '10.0.0.3'}],       # network address
    [{'start': '10.0.0.2', 'end': '10.0.0.7'}],       # broadcast
    [{'start': '10.0.0.1', 'end': '10.0.0.3'}],       # holds the gateway
    [{'start': '10.0.0.2', 'end': '10.0.0.4'},
     {'start': '10.0.0.4', 'end': '10.0.0.6'}],       # overlap
    [{'start': '10.0.0.5', 'end': '10.0.0.3'}],       # backwards
])
def test_bad_pools_are_400_naming_allocation_pools(pools):
    with pytest.raises(errors.BadRequest) as info:
        ipam.validate_pools(NET, pools, '10.0.0.1')
    assert 'allocation_pools' in str(info.value)


def test_ipv6_cidr_is_refused_naming_ip_version():
    with pytest.raises(errors.BadRequest) as info:
        ipam.parse_cidr('fd00::/64')
    assert 'ip_version' in str(info.value)


def _subnet(session, pools=None):
    subnet = models.Subnet(
        id='s1', network_id='n1', project_id='p', cidr=str(NET),
        gateway_ip='10.0.0.1', enable_dhcp=False,
        allocation_pools=pools or ipam.default_pools(NET, '10.0.0.1'),
        dns_nameservers=[], host_routes=[], revision_number=0)
    session.add(subnet)
    session.flush()
    return subnet


def test_allocation_fills_the_pool_then_names_the_subnet(db):
    with db.writer() as session:
        subnet = _subnet(session)
        got = {ipam.allocate(session, subnet, 'port%d' % i)
               for i in range(5)}
        assert got == {'10.0.0.%d' % i for i in range(2, 7)}
        with pytest.raises(exception.IpAddressGenerationFailure) as info:
            ipam.allocate(session, subnet, 'port9')
        assert 's1 (10.0.0.0/29)' in str(info.value)


def test_release_frees_for_reuse_and_first_free_is_lowest(db):
    with db.writer() as session:
        subnet = _subnet(session)
        assert ipam.allocate(session, subnet, 'a', first_free=True) == \
            '10.0.0.2'
        assert ipam.allocate(session, subnet, 'b', '10.0.0.6') == '10.0.0.6'
        with pytest.raises(exception.IpAddressAlreadyAllocated):
            ipam.allocate(session, subnet, 'c', '10.0.0.6')
        ipam.release_port(session, 'b')
        assert ipam.allocate(session, subnet, 'c', '10.0.0.6') == '10.0.0.6'


def test_asked_address_outside_the_subnet_or_the_gateway_is_400(db):
    with db.writer() as session:
        subnet = _subnet(session)
        for address in ('10.0.1.5', '10.0.0.1', '10.0.0.7'):
            with pytest.raises(errors.BadRequest):
                ipam.allocate(session, subnet, 'a', address)


def test_a_candidate_taken_meanwhile_is_retried_with_another(db,
                                                             monkeypatch):
    """The race: an address free when read was inserted by another
    writer before ours; the duplicate makes us pick another."""
    with db.writer() as session:
        subnet = _subnet(session)
        session.add(models.IPAllocation(network_id='n1', subnet_id='s1',
                                        port_id='other',
                                        ip_address='10.0.0.2'))
        session.flush()
        monkeypatch.setattr(ipam, '_taken', lambda session, subnet: set())
        monkeypatch.setattr(ipam.random, 'choice', lambda seq: seq[0])
        assert ipam.allocate(session, subnet, 'mine') == '10.0.0.3'
