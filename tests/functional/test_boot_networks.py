# SPDX-License-Identifier: Apache-2.0
"""The boot path with ports: the real conductor, scheduler and compute
managers over the in-memory network service (tests/fake_network.py).

Ports are made before spawn and plugged by the driver, go back on delete,
on reschedule and on failure; a full subnet is an ERROR at once; the port
audit gives back what a dead host left.
"""

import pytest

from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.conductor.tasks import port_audit
from nova_like import conf
from nova_like import context as nl_context
from nova_like.network import model
from nova_like.network import rpcapi as network_rpcapi
from nova_like import objects
from tests import factories
from tests.functional import test_boot_backend as boot
from tests import waiters

CONF = conf.CONF


@pytest.fixture
def two_hosts(stack):
    for host in ('cmp1', 'cmp2'):
        stack.start_compute(host)
    return stack


def _driver(stack, host):
    return stack.computes[host].manager.driver


def _in_cell(ctx, uuid):
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    return nl_context.target_cell(ctx, mapping.cell_mapping)


def _on(net_id):
    return [{'network_id': net_id, 'port_id': None, 'fixed_ip': None,
             'tag': None}]


def test_a_server_gets_its_port_plugged_and_gives_it_back(two_hosts):
    stack = two_hosts
    net = stack.network.create_network('private', 'p1', '10.0.0.0/26')
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx),
                          requested_networks=_on(net))
    [instance] = boot._wait_state(ctx, [uuid], 'active')
    [vif] = instance.network_info
    port = stack.network.ports[vif['id']]
    assert (port['device_id'], port['host']) == (uuid, instance.host)
    assert model.fixed_ips(vif) == [(port['ips'][0], 4)]
    driver = _driver(stack, instance.host)
    assert driver.bridges == {model.bridge_name(net): {vif['devname']}}
    with _in_cell(ctx, uuid) as cctx:
        compute_rpcapi.ComputeAPI().terminate_instance(cctx, instance)
    waiters.wait_for(lambda: not stack.network.ports, 10,
                     'the port to go back')
    assert driver.bridges == {}


def test_a_host_that_starts_asks_to_be_resynced(two_hosts):
    # A rebooted host has lost its tunnels' peers and its nft member sets.
    def asked():
        return sorted(call for call in two_hosts.network.calls
                      if call[0] == 'resync_host')
    waiters.wait_for(lambda: len(asked()) == 2, 10, 'both hosts to ask')
    assert asked() == [('resync_host', 'cmp1'), ('resync_host', 'cmp2')]


def test_a_full_subnet_is_an_error_naming_it_and_leaves_nothing(two_hosts):
    stack = two_hosts
    # A /29: gateway, DHCP server and four addresses for servers.
    net = stack.network.create_network('small', 'p1', '10.9.0.0/29')
    ctx = nl_context.get_admin_context()
    uuids = boot._submit(ctx, factories.create_flavor(ctx), count=6,
                         requested_networks=_on(net))
    found = waiters.wait_for(
        lambda: [boot._instance(ctx, u) for u in uuids], 20,
        'every server to settle',
        until=lambda found: all(i is not None and i.task_state is None
                                and i.vm_state in ('active', 'error')
                                for i in found))
    errors = [i for i in found if i.vm_state == 'error']
    assert len(errors) == 2
    for instance in errors:
        assert '10.9.0.0/29' in instance.fault.message
        assert instance.network_info == []
        assert boot._allocations(instance.uuid) == {}
    # Only the four that run hold ports; none tried a second host.
    bound = {p['device_id'] for p in stack.network.ports.values()}
    assert bound == {i.uuid for i in found if i.vm_state == 'active'}


def test_a_reschedule_takes_a_new_port_on_the_next_host(two_hosts):
    stack = two_hosts
    net = stack.network.create_network('private', 'p1', '10.0.0.0/26')
    CONF.set_override('fail_spawn_hosts', ['cmp1'], 'fake_driver')
    try:
        ctx = nl_context.get_admin_context()
        uuids = boot._submit(ctx, factories.create_flavor(ctx), count=4,
                             requested_networks=_on(net))
        found = boot._wait_state(ctx, uuids, 'active')
    finally:
        CONF.clear_override('fail_spawn_hosts', 'fake_driver')
    assert {i.host for i in found} == {'cmp2'}
    ports = stack.network.ports.values()
    assert sorted(p['device_id'] for p in ports) == sorted(uuids)
    assert {p['host'] for p in ports} == {'cmp2'}
    assert _driver(stack, 'cmp1').bridges == {}


def test_an_interface_is_attached_and_detached(two_hosts):
    stack = two_hosts
    net = stack.network.create_network('private', 'p1', '10.0.0.0/26')
    other = stack.network.create_network('second', 'p1', '10.1.0.0/26')
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx),
                          requested_networks=_on(net))
    [instance] = boot._wait_state(ctx, [uuid], 'active')
    rpcapi = compute_rpcapi.ComputeAPI()
    with _in_cell(ctx, uuid) as cctx:
        vif = rpcapi.attach_interface(cctx, instance, network_id=other)
        instance = objects.Instance.get_by_uuid(cctx, uuid)
        assert [v['id'] for v in instance.network_info][1] == vif['id']
        guest = _driver(stack, instance.host).guest(uuid)
        assert set(guest['vifs']) == {v['id']
                                      for v in instance.network_info}
        rpcapi.detach_interface(cctx, instance, vif['id'])
        instance = objects.Instance.get_by_uuid(cctx, uuid)
    assert len(instance.network_info) == 1
    assert vif['id'] not in stack.network.ports
    assert model.bridge_name(other) not in _driver(stack,
                                                   instance.host).bridges


def test_the_port_audit_gives_back_ports_of_servers_that_are_gone(
        two_hosts):
    stack = two_hosts
    net = stack.network.create_network('private', 'p1', '10.0.0.0/26')
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx),
                          requested_networks=_on(net))
    boot._wait_state(ctx, [uuid], 'active')
    # A port bound to a server no cell has (its host died mid-delete
    # after the row went).
    orphan = stack.network.create_port(net, 'p1')
    stack.network.ports[orphan].update(
        device_id='0f0e0d0c-0000-4000-8000-00000000dead', host='cmp1')
    audit = port_audit.PortAudit(network_rpcapi.NetworkAPI())
    assert audit.run(ctx) == []        # seen once: not yet
    assert audit.run(ctx) == ['0f0e0d0c-0000-4000-8000-00000000dead']
    assert stack.network.ports[orphan]['device_id'] == ''
    assert [p['device_id'] for p in stack.network.ports.values()
            if p['device_id']] == [uuid]


def test_a_network_service_bug_is_an_error_not_a_stuck_build(
        two_hosts, monkeypatch):
    stack = two_hosts
    net = stack.network.create_network('private', 'p1', '10.0.0.0/26')

    def broken(*args, **kwargs):
        raise KeyError('a bug in the network service')
    monkeypatch.setattr(stack.network, 'allocate_for_instance', broken)
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx),
                          requested_networks=_on(net))
    [instance] = boot._wait_state(ctx, [uuid], 'error')
    assert 'nova-like-network failed (KeyError)' in \
        instance.fault.message
    assert boot._allocations(uuid) == {}
