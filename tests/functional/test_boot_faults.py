# SPDX-License-Identifier: Apache-2.0
"""The boot path when a daemon fails mid-request.

Nothing stuck, no claim left behind.
"""

import threading

import oslo_messaging as messaging
import pytest

from nova_like.compute import build
from nova_like.compute import recovery
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.conductor.tasks import build as conductor_build
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.scheduler import manager as scheduler_manager
from nova_like.virt import fake as fake_driver
from tests import factories
from tests.functional import test_boot_backend as boot
from tests import waiters


def test_scheduler_answer_lost_after_claiming(stack, monkeypatch):
    """The scheduler claims, then its answer never comes (it died, or the
    reply was lost): the server is ERROR in cell0, its fault names the
    scheduler, and the claim it made is gone."""
    stack.start_compute('cmp1')
    claimed = []
    real = scheduler_manager.SchedulerManager.select_destinations

    def claim_then_vanish(self, context, request_spec, instance_uuids):
        claimed.append(real(self, context, request_spec, instance_uuids))
        raise messaging.MessagingTimeout('Timed out waiting for a reply')

    monkeypatch.setattr(scheduler_manager.SchedulerManager,
                        'select_destinations', claim_then_vanish)
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx))
    [instance] = boot._wait_state(ctx, [uuid], 'error')
    assert claimed, 'the scheduler never ran'
    assert boot._allocations(uuid) == {}
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    assert mapping.cell_mapping.is_cell0
    assert 'no nova-like-scheduler answered' in instance.fault.message


def _one_active_server(stack):
    stack.start_compute('cmp1')
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx))
    boot._wait_state(ctx, [uuid], 'active')
    return ctx, uuid, stack.computes['cmp1'].manager


def _fail_once(monkeypatch, cls, name, when):
    """cls.name raises MessagingTimeout (the conductor gone) the first time
    when(obj) holds, as the conductor's object proxy would."""
    real = getattr(cls, name)
    failed = []

    def flaky(self, *args, **kwargs):
        if not failed and when(self):
            failed.append(self.uuid)
            raise messaging.MessagingTimeout('no conductor answered')
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, flaky)
    return failed


def _in_cell(ctx, uuid):
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    with nl_context.target_cell(ctx, mapping.cell_mapping) as cctx:
        return cctx, objects.Instance.get_by_uuid(cctx, uuid)


def test_build_whose_last_save_was_lost_becomes_active(stack, monkeypatch):
    stack.start_compute('cmp1')
    failed = _fail_once(monkeypatch, objects.Instance, 'save',
                        lambda i: i.vm_state == 'active')
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx))
    manager = stack.computes['cmp1'].manager
    waiters.wait_for(lambda: failed == [uuid], what='the injected fault')
    cctx, instance = _in_cell(ctx, uuid)
    assert (instance.vm_state, instance.task_state) == ('building',
                                                        'spawning')
    manager.periodic_tasks(cctx)
    [instance] = boot._wait_state(ctx, [uuid], 'active', timeout=1)
    assert instance.launched_at is not None
    assert boot._allocations(uuid) != {}


def test_build_cut_off_without_a_guest_is_error_with_a_fault(stack):
    ctx, uuid, manager = _one_active_server(stack)
    cctx, instance = _in_cell(ctx, uuid)
    # As a compute process killed mid-spawn leaves it.
    instance.vm_state, instance.task_state = 'building', 'spawning'
    instance.save()
    manager.driver.destroy(cctx, instance)
    manager.init_host(cctx)
    [instance] = boot._wait_state(ctx, [uuid], 'error', timeout=1)
    assert 'was cut off' in instance.fault.message
    assert boot._allocations(uuid) == {}


def test_delete_whose_last_step_was_lost_is_finished(stack, monkeypatch):
    ctx, uuid, manager = _one_active_server(stack)
    failed = _fail_once(monkeypatch, objects.Instance, 'destroy',
                        lambda i: True)
    cctx, instance = _in_cell(ctx, uuid)
    instance.task_state = 'deleting'
    instance.save(expected_task_state=[None])
    compute_rpcapi.ComputeAPI().terminate_instance(cctx, instance)
    waiters.wait_for(lambda: failed == [uuid], what='the injected fault')
    cctx, instance = _in_cell(ctx, uuid)
    assert instance.task_state == 'deleting'
    # Not yet: a terminate cast may still be queued for this host.
    manager.periodic_tasks(cctx)
    assert _in_cell(ctx, uuid)[1].task_state == 'deleting'
    manager.init_host(cctx)
    with pytest.raises(exception.InstanceNotFound):
        _in_cell(ctx, uuid)
    assert boot._allocations(uuid) == {}


def test_work_in_flight_in_this_process_is_left_alone(stack):
    ctx, uuid, manager = _one_active_server(stack)
    cctx, instance = _in_cell(ctx, uuid)
    instance.vm_state, instance.task_state = 'building', 'spawning'
    instance.save()
    with build.instance_lock(uuid):
        assert recovery.recover(manager, cctx, [instance],
                                at_start=True) == []
    assert recovery.recover(manager, cctx, [instance]) == [uuid]
    assert _in_cell(ctx, uuid)[1].vm_state == 'active'


def test_placement_audit_removes_orphans_and_heals_lost_claims(stack):
    ctx, uuid, _compute = _one_active_server(stack)
    conductor = stack.services[0].manager
    placement = conductor.placement
    [node_uuid] = boot._allocations(uuid)
    # A claim whose server is gone (a conductor died with its request) and
    # a server whose claim is gone.
    orphan = '9a4bd7de-6a55-4d6f-b5d4-7a1d2b8f0c11'
    assert placement.claim_resources(
        orphan, {'allocations': {node_uuid: {'resources': {'VCPU': 1}}}},
        'p1', 'u1')
    placement.delete_allocation_for_instance(uuid)
    # The first pass only notes them: either may be a request in between
    # two steps.
    assert conductor.placement_audit.run(ctx) == {'removed': [],
                                                  'healed': []}
    assert boot._allocations(orphan) != {}
    assert conductor.placement_audit.run(ctx) == {'removed': [orphan],
                                                  'healed': [uuid]}
    assert boot._allocations(orphan) == {}
    assert boot._allocations(uuid)[node_uuid]['resources'] == {
        'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}
    assert conductor.placement_audit.run(ctx) == {'removed': [],
                                                  'healed': []}


@pytest.mark.parametrize('step', ['conductor', 'spawn'])
def test_placement_audit_leaves_servers_being_built_alone(stack, monkeypatch,
                                                          step):
    """Claimed but still a build request (the conductor between the claim
    and the cell), or spawning: three audits change nothing."""
    stack.start_compute('cmp1')
    conductor = stack.services[0].manager
    reached, release = threading.Event(), threading.Event()
    cls, name = ((conductor_build.ScheduleAndBuild, '_build_one')
                 if step == 'conductor' else (fake_driver.FakeDriver, 'spawn'))
    real = getattr(cls, name)

    def held(self, *args, **kwargs):
        reached.set()
        release.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, held)
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx))
    try:
        assert reached.wait(10)
        assert boot._allocations(uuid) != {}
        for _ in range(3):
            assert conductor.placement_audit.run(ctx) == {'removed': [],
                                                          'healed': []}
    finally:
        release.set()
    boot._wait_state(ctx, [uuid], 'active')
    assert boot._allocations(uuid) != {}


@pytest.fixture(autouse=True)
def _clear_overrides():
    yield
    conf.CONF.clear_override('build_request_timeout', 'conductor')


def _conductor_dies_after(monkeypatch, write_to_cell, timeout=1):
    """The conductor takes the cast, then dies: before anything, or after
    the scheduler's claim and writing the server to its cell."""
    taken = []

    def run_then_die(self):
        taken.extend(br.instance_uuid for br in self.build_requests)
        if not write_to_cell:
            return
        spec = self.request_specs[0]
        [hosts] = self.manager.scheduler_rpcapi.select_destinations(
            self.context, spec, [self.build_requests[0].instance_uuid])
        instance = self.build_requests[0].instance
        instance.host = instance.node = hosts[0].service_host
        cell = objects.CellMapping.get_by_uuid(self.context,
                                               hosts[0].cell_uuid)
        with nl_context.target_cell(self.context, cell) as cctx:
            instance._context = cctx
            self._create_in_cell(cctx, instance)

    monkeypatch.setattr(conductor_build.ScheduleAndBuild, 'run',
                        run_then_die)
    conf.CONF.set_override('build_request_timeout', timeout, 'conductor')
    return taken


def test_build_request_lost_with_its_conductor_goes_to_error(stack,
                                                             monkeypatch):
    stack.start_compute('cmp1')
    taken = _conductor_dies_after(monkeypatch, write_to_cell=False)
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx))
    [instance] = boot._wait_state(ctx, [uuid], 'error')
    assert taken == [uuid]
    assert 'No conductor finished scheduling' in instance.fault.message
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    assert mapping.cell_mapping.is_cell0
    with pytest.raises(exception.BuildRequestNotFound):
        objects.BuildRequest.get_by_instance_uuid(ctx, uuid)


def test_server_written_to_a_cell_by_a_dead_conductor_is_finished(
        stack, monkeypatch):
    stack.start_compute('cmp1')
    _conductor_dies_after(monkeypatch, write_to_cell=True, timeout=6)
    # Twice the heartbeat: a late beat of a loaded machine must not make
    # the host look down (another rule, another fault).
    conf.CONF.set_override('service_down_time', 2)
    ctx = nl_context.get_admin_context()
    [uuid] = boot._submit(ctx, factories.create_flavor(ctx))
    # Failed in its cell by the rule for a build its host never started,
    # which sees the build request and so blames the conductor, its claim
    # removed; then mapped to that cell once the request is stale.
    [instance] = boot._wait_state(ctx, [uuid], 'error')
    assert not objects.InstanceMapping.get_by_instance_uuid(
        ctx, uuid).cell_mapping.is_cell0
    assert instance.fault.message.startswith(
        'The conductor building this server stopped before handing it to '
        'compute host cmp1')
    assert boot._allocations(uuid) == {}
