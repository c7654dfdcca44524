# SPDX-License-Identifier: Apache-2.0
"""ip_lib: commands in and out of namespaces, errors that name them."""

import pytest

from nova_like import exception
from nova_like.network.linux import errors
from nova_like.network.linux import ip_lib


def test_execute_in_a_namespace_prefixes_ip_netns_exec(kernel):
    ip_lib.execute(['nft', 'list', 'ruleset'], netns='ns1')
    assert kernel.commands[0][0] == ['ip', 'netns', 'exec', 'ns1', 'nft',
                                     'list', 'ruleset']


def test_a_failed_command_names_command_namespace_and_stderr(kernel):
    kernel.fail_on['flush'] = 'Error: nope'
    with pytest.raises(errors.CommandFailed) as info:
        ip_lib.ip(['addr', 'flush', 'dev', 'eth0'], netns='ns1')
    assert info.value.message == (
        'ip netns exec ns1 ip addr flush dev eth0 failed (exit 2 in netns '
        'ns1): Error: nope')
    assert isinstance(info.value, exception.NovaLikeException)


def test_an_expected_error_is_an_empty_answer(kernel):
    kernel.fail_on['add'] = 'RTNETLINK answers: File exists'
    assert ip_lib.ip(['link', 'add', 'x', 'type', 'bridge'],
                     ok_errors=('File exists',)) == ''


def test_a_missing_program_says_how_to_install_it():
    def runner(argv, text):
        raise FileNotFoundError(2, 'No such file', argv[0])
    previous = ip_lib.set_runner(runner)
    try:
        with pytest.raises(errors.CommandFailed,
                           match='nft is not installed.*ensure-network'):
            ip_lib.execute(['nft', 'list', 'ruleset'])
    finally:
        ip_lib.set_runner(previous)


def test_device_exists_and_missing_device(kernel):
    kernel.links['br0'] = {'kind': 'bridge', 'mtu': 1500, 'up': True}
    assert ip_lib.device_exists('br0')
    assert not ip_lib.device_exists('br1')
    assert ip_lib.link_kind(ip_lib.link_info('br0')) == 'bridge'


def test_interface_names_longer_than_15_characters_are_refused():
    assert ip_lib.check_ifname('tap0123456789a') == 'tap0123456789a'
    with pytest.raises(ValueError, match='longer than 15'):
        ip_lib.check_ifname('tap0123456789abc')
