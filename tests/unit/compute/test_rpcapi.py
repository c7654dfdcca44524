# SPDX-License-Identifier: Apache-2.0
"""compute rpcapi 1.1: the lifecycle methods refuse to send below 1.1.

The refusal names what needs 1.1.
"""

import types

import pytest

from nova_like.compute import rpcapi
from nova_like import exception


@pytest.mark.parametrize('method,args', [
    ('stop_instance', ()), ('reboot_instance', ('HARD',)),
    ('get_console_output', ())])
def test_pinned_to_1_0_refuses_the_1_1_methods(conf, method, args):
    conf.set_override('transport_url', 'fake:///')
    conf.set_override('compute', '1.0', group='upgrade_levels')
    instance = types.SimpleNamespace(uuid='u', host='cmp1')
    with pytest.raises(exception.RPCPinnedToOldVersion) as info:
        getattr(rpcapi.ComputeAPI(), method)(None, instance, *args)
    assert 'needs RPC 1.1' in info.value.message


def test_pinned_to_1_1_refuses_get_host_uptime(conf):
    conf.set_override('transport_url', 'fake:///')
    conf.set_override('compute', '1.1', group='upgrade_levels')
    with pytest.raises(exception.RPCPinnedToOldVersion) as info:
        rpcapi.ComputeAPI().get_host_uptime(None, 'cmp1')
    assert 'get_host_uptime needs RPC 1.2' in info.value.message


@pytest.mark.parametrize('method,args', [
    ('reserve_block_device_name', ('vol',)), ('attach_volume', (None,)),
    ('detach_volume', ('vol',))])
def test_pinned_to_1_3_refuses_the_volume_methods(conf, method, args):
    conf.set_override('transport_url', 'fake:///')
    conf.set_override('compute', '1.3', group='upgrade_levels')
    instance = types.SimpleNamespace(uuid='u', host='cmp1')
    with pytest.raises(exception.RPCPinnedToOldVersion) as info:
        getattr(rpcapi.ComputeAPI(), method)(None, instance, *args)
    assert '%s needs RPC 1.4' % method in info.value.message
