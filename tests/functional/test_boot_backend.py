# SPDX-License-Identifier: Apache-2.0
"""The back half of the boot path in one process.

Conductor, scheduler, Placement, fake computes.
"""

import threading
import time
import types

from oslo_utils import uuidutils
import pytest

from nova_like.clients import placement as placement_client
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.conductor import api as conductor_api
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.virt import fake as fake_driver
from tests import factories
from tests import waiters

CONF = conf.CONF
IMAGE = {'id': '5b7c2b0e-6f4e-4a47-9d7a-0c1f7d3f7e11', 'name': 'tiny',
         'min_disk': '0', 'min_ram': '0'}


def _submit(ctx, flavor, count=1, az=None, requested_networks=None):
    """What the API writes for a boot request, then its one cast."""
    build_requests, specs = [], []
    for index in range(count):
        uuid = uuidutils.generate_uuid()
        instance = objects.Instance(
            ctx, uuid=uuid, project_id='p1', user_id='u1',
            display_name='vm-%d' % index, flavor=flavor, image_ref=IMAGE['id'],
            vcpus=flavor.vcpus, memory_mb=flavor.memory_mb,
            root_gb=flavor.root_gb, ephemeral_gb=0, vm_state='building',
            task_state='scheduling', power_state=0, availability_zone=az,
            launch_index=index, metadata={}, system_metadata={}, tags=[])
        spec = objects.RequestSpec(ctx, instance_uuid=uuid, project_id='p1',
                                   user_id='u1', flavor=flavor, image=IMAGE,
                                   num_instances=count,
                                   availability_zone=az,
                                   requested_networks=requested_networks)
        spec.create()
        request = objects.BuildRequest(ctx, instance_uuid=uuid,
                                       project_id='p1', instance=instance)
        request.create()
        objects.InstanceMapping(ctx, instance_uuid=uuid, project_id='p1',
                                user_id='u1', cell_mapping=None).create()
        build_requests.append(request)
        specs.append(spec)
    conductor_api.ComputeTaskAPI().schedule_and_build_instances(
        ctx, build_requests, specs, IMAGE)
    return [r.instance_uuid for r in build_requests]


def _instance(ctx, uuid):
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    if mapping.cell_mapping is None:
        return None
    with nl_context.target_cell(ctx, mapping.cell_mapping) as cctx:
        instance = objects.Instance.get_by_uuid(cctx, uuid)
        instance.fault = objects.InstanceFault.get_latest_for_instance(
            cctx, uuid)
        return instance


def _wait_state(ctx, uuids, vm_state, timeout=20):
    """The instances of uuids once all are vm_state with no task."""
    return waiters.wait_for(
        lambda: [_instance(ctx, u) for u in uuids], timeout,
        'all of %s to be %s' % (', '.join(uuids), vm_state),
        until=lambda found: all(i is not None and i.vm_state == vm_state and
                                i.task_state is None for i in found))


def _allocations(uuid):
    return placement_client.PlacementClient().get_allocations_for_consumer(
        uuid)['allocations']


@pytest.fixture
def three_hosts(stack):
    for host in ('cmp1', 'cmp2', 'cmp3'):
        stack.start_compute(host)
    return stack


def test_boot_one_becomes_active_with_its_claim(three_hosts):
    ctx = nl_context.get_admin_context()
    flavor = factories.create_flavor(ctx, vcpus=2, memory_mb=1024,
                                     root_gb=5)
    [uuid] = _submit(ctx, flavor)
    [instance] = _wait_state(ctx, [uuid], 'active')
    assert instance.power_state == 1 and instance.launched_at is not None
    allocations = _allocations(uuid)
    [(rp_uuid, allocation)] = allocations.items()
    assert allocation['resources'] == {'VCPU': 2, 'MEMORY_MB': 1024,
                                       'DISK_GB': 5}
    node = objects.ComputeNode.get_by_host_and_nodename(
        ctx, instance.host, instance.node)
    assert node.uuid == rp_uuid
    driver = three_hosts.computes[instance.host].manager.driver
    assert driver.guest(uuid)['image_id'] == IMAGE['id']
    with pytest.raises(exception.BuildRequestNotFound):
        objects.BuildRequest.get_by_instance_uuid(ctx, uuid)


def test_boot_twenty_spreads_over_three_hosts(three_hosts):
    ctx = nl_context.get_admin_context()
    flavor = factories.create_flavor(ctx)
    uuids = _submit(ctx, flavor, count=20)
    instances = _wait_state(ctx, uuids, 'active', timeout=60)
    per_host = {}
    for instance in instances:
        per_host[instance.host] = per_host.get(instance.host, 0) + 1
    assert sorted(per_host) == ['cmp1', 'cmp2', 'cmp3']
    assert all(n >= 5 for n in per_host.values()), per_host


def test_reschedule_to_an_alternate_after_a_spawn_failure(three_hosts):
    CONF.set_override('fail_spawn_hosts', ['cmp1', 'cmp2'], 'fake_driver')
    try:
        ctx = nl_context.get_admin_context()
        [uuid] = _submit(ctx, factories.create_flavor(ctx))
        [instance] = _wait_state(ctx, [uuid], 'active')
        assert instance.host == 'cmp3'
        [rp_uuid] = _allocations(uuid)
        assert rp_uuid == objects.ComputeNode.get_by_host_and_nodename(
            ctx, 'cmp3', 'cmp3').uuid
    finally:
        CONF.clear_override('fail_spawn_hosts', 'fake_driver')


def test_build_error_names_every_host_tried(three_hosts):
    CONF.set_override('fail_spawn_hosts', ['cmp1', 'cmp2', 'cmp3'],
                      'fake_driver')
    try:
        ctx = nl_context.get_admin_context()
        [uuid] = _submit(ctx, factories.create_flavor(ctx))
        [instance] = _wait_state(ctx, [uuid], 'error')
        message = instance.fault.message
        assert 'failed on every host tried' in message
        for host in ('cmp1', 'cmp2', 'cmp3'):
            assert host in instance.fault.details
        assert 'injected fault' in instance.fault.details
        assert _allocations(uuid) == {}
    finally:
        CONF.clear_override('fail_spawn_hosts', 'fake_driver')


def test_no_valid_host_from_placement_is_explained(three_hosts):
    ctx = nl_context.get_admin_context()
    [uuid] = _submit(ctx, factories.create_flavor(ctx, vcpus=1000))
    [instance] = _wait_state(ctx, [uuid], 'error')
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    assert mapping.cell_mapping.is_cell0
    assert instance.fault.message == (
        'No valid host was found. Placement returned 0 candidates for '
        'DISK_GB:1,MEMORY_MB:512,VCPU:1000.')


def test_no_valid_host_from_filters_is_explained(three_hosts):
    ctx = nl_context.get_admin_context()
    for host in ('cmp1', 'cmp2'):
        service = objects.Service.get_by_host_and_binary(
            ctx, host, 'nova-like-compute')
        service.disabled = True
        service.save()
    [uuid] = _submit(ctx, factories.create_flavor(ctx), az='elsewhere')
    [instance] = _wait_state(ctx, [uuid], 'error')
    assert instance.fault.message == (
        'No valid host was found. 3 candidates from Placement: '
        '1 removed by AvailabilityZoneFilter (in zone nova), '
        '2 removed by ComputeFilter (disabled).')


def test_delete_leaves_nothing_behind(three_hosts):
    from nova_like.compute import rpcapi as compute_rpcapi
    ctx = nl_context.get_admin_context()
    [uuid] = _submit(ctx, factories.create_flavor(ctx))
    [instance] = _wait_state(ctx, [uuid], 'active')
    driver = three_hosts.computes[instance.host].manager.driver
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    with nl_context.target_cell(ctx, mapping.cell_mapping) as cctx:
        instance = objects.Instance.get_by_uuid(cctx, uuid)
        instance.task_state = 'deleting'
        instance.save(expected_task_state=[None])
        compute_rpcapi.ComputeAPI().terminate_instance(cctx, instance)

        def deleted():
            try:
                objects.Instance.get_by_uuid(cctx, uuid)
            except exception.InstanceNotFound:
                return True
            return False

        waiters.wait_for(deleted, 10, 'instance %s deleted' % uuid)
    assert driver.guest(uuid) is None
    assert _allocations(uuid) == {}


def test_compute_dying_mid_build_leaves_error_not_build(three_hosts,
                                                      monkeypatch):
    # The dead host's spawn sleeps until the test has seen the ERROR, not
    # the whole spawn_delay: the teardown waits for that build to return.
    released = threading.Event()
    monkeypatch.setattr(fake_driver, 'time', types.SimpleNamespace(
        sleep=released.wait))
    CONF.set_override('spawn_delay', 10, 'fake_driver')
    ctx = nl_context.get_admin_context()
    try:
        [uuid] = _submit(ctx, factories.create_flavor(ctx))
        instance = waiters.wait_for(
            lambda: _instance(ctx, uuid), 10, 'the build to start',
            interval=0.05,
            until=lambda found: found and found.task_state == 'spawning')
        # The host stops heartbeating (its daemon died): stop its service
        # loops without letting the build finish.
        three_hosts.computes[instance.host]._stop.set()
        start = time.monotonic()
        [instance] = _wait_state(ctx, [uuid], 'error',
                                 timeout=2 * CONF.service_down_time + 5)
        assert time.monotonic() - start <= 2 * CONF.service_down_time + 2
        assert 'went down while building' in instance.fault.message
        # removed right after the ERROR is saved
        waiters.wait_for(lambda: _allocations(uuid), 5, 'no allocations',
                         until=lambda found: found == {})
    finally:
        released.set()
        CONF.clear_override('spawn_delay', 'fake_driver')


def test_lost_build_cast_leaves_error_not_build(three_hosts, monkeypatch):
    # The cast to the chosen host never arrives; the host stays up.
    monkeypatch.setattr(compute_rpcapi.ComputeAPI, 'build_and_run_instance',
                        lambda *args, **kwargs: None)
    ctx = nl_context.get_admin_context()
    [uuid] = _submit(ctx, factories.create_flavor(ctx))
    [instance] = _wait_state(ctx, [uuid], 'error',
                             timeout=2 * CONF.service_down_time + 5)
    assert 'did not report starting the build' in instance.fault.message
    assert instance.host in instance.fault.message
    waiters.wait_for(lambda: _allocations(uuid), 5, 'no allocations',
                     until=lambda found: found == {})


def test_a_failed_mapping_leaves_that_server_error_and_the_rest_built(
        three_hosts, monkeypatch):
    # The API database refuses the second server's mapping update once, as
    # it does when the SQL server has no connection slot left.
    ctx = nl_context.get_admin_context()
    real_save = objects.InstanceMapping.save
    saves = []

    def flaky_save(self):
        saves.append(self.instance_uuid)
        if len(saves) == 2:
            raise exception.NovaLikeException('too many clients already')
        return real_save(self)

    monkeypatch.setattr(objects.InstanceMapping, 'save', flaky_save)
    uuids = _submit(ctx, factories.create_flavor(ctx), count=3)
    waiters.wait_for(lambda: saves, 10, 'two mapping saves', interval=0.05,
                     until=lambda seen: len(seen) >= 2)
    failed = saves[1]
    built = [u for u in uuids if u != failed]
    _wait_state(ctx, built, 'active')
    [instance] = _wait_state(ctx, [failed], 'error')
    assert instance.fault.message == ('Building failed in the conductor: '
                                      'too many clients already')
    assert _allocations(failed) == {}
    with pytest.raises(exception.BuildRequestNotFound):
        objects.BuildRequest.get_by_instance_uuid(ctx, failed)
    # Findable through its mapping, hence deletable through the API.
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, failed)
    assert mapping.cell_mapping.uuid != objects.cell_mapping.CELL0_UUID


def _fail_action_start(monkeypatch, nth, error):
    """Make the nth InstanceAction.action_start raise error.

    :returns: the instance uuids it is called with, as it is called.
    """
    real_start = objects.InstanceAction.action_start.__func__
    starts = []

    def start(cls, context, instance_uuid, action):
        starts.append(instance_uuid)
        if len(starts) == nth:
            raise error
        return real_start(cls, context, instance_uuid, action)

    monkeypatch.setattr(objects.InstanceAction, 'action_start',
                        classmethod(start))
    return starts


def test_a_rolled_back_instance_write_leaves_that_server_error_in_cell0(
        three_hosts, monkeypatch):
    # The second server's create action fails after its instance row was
    # written in the same transaction: both are rolled back, and the server
    # must still end up findable in ERROR, not stuck in BUILD.
    ctx = nl_context.get_admin_context()
    starts = _fail_action_start(monkeypatch, 2, exception.NovaLikeException(
        'server closed the connection'))
    uuids = _submit(ctx, factories.create_flavor(ctx), count=3)
    waiters.wait_for(lambda: starts, 10, 'two action starts',
                     interval=0.05, until=lambda seen: len(seen) >= 2)
    failed = starts[1]
    _wait_state(ctx, [u for u in uuids if u != failed], 'active')
    [instance] = _wait_state(ctx, [failed], 'error')
    assert instance.fault.message == ('Building failed in the conductor: '
                                      'server closed the connection')
    assert _allocations(failed) == {}
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, failed)
    assert mapping.cell_mapping.uuid == objects.cell_mapping.CELL0_UUID
    # Its row in cell1 was rolled back with the action.
    cell1 = next(c for c in objects.CellMappingList.get_all(ctx)
                 if not c.is_cell0)
    with nl_context.target_cell(ctx, cell1) as cctx:
        with pytest.raises(exception.InstanceNotFound):
            objects.Instance.get_by_uuid(cctx, failed)


def test_an_instance_write_that_lost_a_lock_is_run_again_whole(
        three_hosts, monkeypatch):
    import sqlite3

    from sqlalchemy import exc as sa_exc

    ctx = nl_context.get_admin_context()
    starts = _fail_action_start(monkeypatch, 1, sa_exc.OperationalError(
        'INSERT', {}, sqlite3.OperationalError('database is locked')))
    [uuid] = _submit(ctx, factories.create_flavor(ctx))
    [instance] = _wait_state(ctx, [uuid], 'active')
    assert starts == [uuid, uuid]  # the instance was written again, once
    assert instance.fault is None
