# SPDX-License-Identifier: Apache-2.0
"""POST /servers networks and security_groups as RequestSpec has them.

And the network service's errors as Nova's status codes.
"""

import oslo_messaging as messaging
import pytest
import webob.exc

from nova_like.api.handlers import server_networks
from nova_like import exception

NET = '3f1e4a52-6bd7-4b5e-9a1e-1d2c3b4a5f60'
PORT = '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d'


def _entry(network_id=None, port_id=None, fixed_ip=None, tag=None):
    return {'network_id': network_id, 'port_id': port_id,
            'fixed_ip': fixed_ip, 'tag': tag}


def test_no_networks_is_none():
    assert server_networks.requested_networks({}) is None


@pytest.mark.parametrize('word', ['auto', 'none'])
def test_auto_and_none_are_a_lone_entry(word):
    assert server_networks.requested_networks({'networks': word}) == [
        _entry(network_id=word)]


def test_each_network_and_port_is_one_entry_in_order():
    server = {'networks': [
        {'uuid': NET, 'fixed_ip': '10.0.0.9', 'tag': 'eth0'},
        {'port': PORT, 'tag': 'eth1'},
        {'uuid': NET}]}
    assert server_networks.requested_networks(server) == [
        _entry(network_id=NET, fixed_ip='10.0.0.9', tag='eth0'),
        _entry(port_id=PORT, tag='eth1'),
        _entry(network_id=NET)]


def _bad(server, max_count=1):
    with pytest.raises(webob.exc.HTTPBadRequest) as caught:
        server_networks.requested_networks(server, max_count)
    return caught.value.explanation


def test_a_fixed_ip_with_a_port_is_refused_as_nova_does():
    assert _bad({'networks': [{'port': PORT, 'fixed_ip': '10.0.0.9'}]}) == (
        "Specified Fixed IP '10.0.0.9' cannot be used with port '%s': the "
        "two cannot be specified together." % PORT)


def test_the_same_port_twice_is_refused():
    assert PORT in _bad({'networks': [{'port': PORT}, {'port': PORT}]})


def test_a_port_or_fixed_ip_for_several_servers_is_refused():
    assert 'single configured port ID' in _bad(
        {'networks': [{'port': PORT}]}, max_count=2)
    assert 'fixed_ip is specified' in _bad(
        {'networks': [{'uuid': NET, 'fixed_ip': '10.0.0.9'}]}, max_count=2)


def test_a_network_without_uuid_or_port_and_a_bad_uuid_are_refused():
    assert _bad({'networks': [{'fixed_ip': '10.0.0.9'}]}) == \
        "Bad network format: missing 'uuid'"
    assert _bad({'networks': [{'uuid': 'private'}]}) == (
        'Bad networks format: network uuid is not in proper format '
        '(private)')


def test_folsom_br_prefixed_network_ids_are_taken():
    server = {'networks': [{'uuid': 'br-' + NET}]}
    assert server_networks.requested_networks(server) == [
        _entry(network_id='br-' + NET)]


def test_security_groups_are_names_each_once():
    server = {'security_groups': [{'name': 'web'}, {'name': 'default'},
                                  {'name': 'web'}]}
    assert server_networks.security_groups(server) == ['web', 'default']
    assert server_networks.security_groups({}) == []


@pytest.mark.parametrize('error, status', [
    (exception.NetworkNotFound(net_id=NET), 400),
    (exception.PortNotFound(port_id=PORT), 400),
    (exception.SecurityGroupNotFound(id='web'), 400),
    (exception.IpAddressAlreadyAllocated(ip='10.0.0.9', subnet_id='s'),
     400),
    (exception.PortInUse(port_id=PORT, net_id=NET, device_id='x'), 409),
    (exception.NetworkAmbiguous(), 409),
    (messaging.MessagingTimeout('No reply on topic network'), 503),
])
def test_boot_errors_have_nova_status_codes(error, status):
    with pytest.raises(webob.exc.HTTPException) as caught:
        with server_networks.boot_errors():
            raise error
    assert caught.value.code == status
    if status == 503:
        assert 'nova-like-network' in caught.value.explanation
    else:
        assert caught.value.explanation == error.message


def test_network_not_found_names_the_network():
    with pytest.raises(webob.exc.HTTPBadRequest) as caught:
        with server_networks.boot_errors():
            raise exception.NetworkNotFound(net_id=NET)
    assert caught.value.explanation == 'Network %s could not be found.' % NET
