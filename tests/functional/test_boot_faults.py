# SPDX-License-Identifier: Apache-2.0
"""The boot path when a daemon fails mid-request: nothing stuck, no claim left behind."""

import oslo_messaging as messaging

from nova_like import context as nl_context
from nova_like import objects
from nova_like.scheduler import manager as scheduler_manager
from tests.functional import test_boot_backend as boot


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
    [uuid] = boot._submit(ctx, boot._flavor(ctx))
    [instance] = boot._wait_state(ctx, [uuid], 'error')
    assert claimed, 'the scheduler never ran'
    assert boot._allocations(uuid) == {}
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx, uuid)
    assert mapping.cell_mapping.is_cell0
    assert 'no nova-like-scheduler answered' in instance.fault.message
