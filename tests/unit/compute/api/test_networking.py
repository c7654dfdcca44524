# SPDX-License-Identifier: Apache-2.0
"""The compute facade's network checks of a boot and its interface guards.

Against the in-memory network service.
"""

import pytest

from nova_like.compute.api import networking
from nova_like.compute.api import servers as compute_api
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from tests import fake_network


@pytest.fixture
def network():
    return fake_network.FakeNetwork()


@pytest.fixture
def api(network):
    return compute_api.API(network_api=network)


@pytest.fixture
def ctx():
    return nl_context.RequestContext(user_id='u', project_id='p',
                                     roles=['member'])


def _net(network_id):
    return [{'network_id': network_id, 'port_id': None, 'fixed_ip': None,
             'tag': None}]


def test_none_asks_nothing_of_the_network_service(api, network, ctx):
    assert api.check_requested_networks(ctx, _net('none'), ['default'], 1,
                                        3) == 3
    assert network.calls == []


def test_none_still_needs_the_groups_named_to_exist(api, network, ctx):
    """As Nova: a security group is checked whatever the networks."""
    with pytest.raises(exception.SecurityGroupNotFound):
        api.check_requested_networks(ctx, _net('none'), ['web'], 1, 3)
    network.seed_security_group('web', 'p')
    assert api.check_requested_networks(ctx, _net('none'), ['web'], 1,
                                        3) == 3


def test_networks_and_groups_are_checked(api, network, ctx):
    net = network.create_network('private', 'p')
    network.seed_security_group('web', 'p')
    assert api.check_requested_networks(ctx, _net(net), ['web'], 1, 2) == 2
    with pytest.raises(exception.SecurityGroupNotFound):
        api.check_requested_networks(ctx, _net(net), ['db'], 1, 1)
    with pytest.raises(exception.NetworkNotFound):
        api.check_requested_networks(ctx, _net('nope'), [], 1, 1)


def test_default_group_is_not_asked_for(api, network, ctx):
    net = network.create_network('private', 'p')
    asked = []
    network.validate_security_groups = lambda context, names: asked.append(
        names)
    api.check_requested_networks(ctx, _net(net), ['default'], 1, 1)
    api.check_requested_networks(ctx, _net(net), ['default', 'web'], 1, 1)
    assert asked == [['web']]


def test_port_quota_lowers_max_count_and_refuses_below_min(api, network,
                                                           ctx):
    net = network.create_network('private', 'p')
    network.port_quota['p'] = 2
    assert api.check_requested_networks(ctx, _net(net), [], 1, 5) == 2
    with pytest.raises(exception.Forbidden) as caught:
        api.check_requested_networks(ctx, _net(net), [], 3, 5)
    assert caught.value.message == 'Maximum number of ports exceeded'


def _instance(**values):
    fields = dict(uuid='0e6a3b36-2f4c-4e0a-9a52-1b2b3c4d5e6f',
                  project_id='p', vm_state='active', task_state=None,
                  locked=False, host='h1', network_info=[])
    fields.update(values)
    instance = objects.Instance(**fields)
    instance.id = 1
    return instance


@pytest.mark.parametrize('vm_state', ['building', 'suspended', 'error'])
def test_attach_needs_an_active_paused_or_stopped_server(api, ctx,
                                                         vm_state):
    with pytest.raises(exception.InstanceInvalidState):
        api.attach_interface(ctx, _instance(vm_state=vm_state),
                             network_id='n')


def test_attach_to_a_locked_server_is_refused(api, ctx):
    with pytest.raises(exception.InstanceIsLocked):
        api.attach_interface(ctx, _instance(locked=True), network_id='n')


def test_detach_of_a_port_the_server_lacks_is_not_found(api, ctx):
    instance = _instance(network_info=[{'id': 'port-1'}])
    with pytest.raises(exception.PortNotFound) as caught:
        api.detach_interface(ctx, instance, 'port-2')
    assert caught.value.message == 'Port port-2 is not attached'


def test_no_allocation_is_only_the_lone_none():
    assert networking.is_no_allocation(_net('none'))
    assert not networking.is_no_allocation(None)
    assert not networking.is_no_allocation(_net('auto'))
