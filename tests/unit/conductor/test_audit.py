# SPDX-License-Identifier: Apache-2.0
"""What the conductor's audits share, and that every periodic step runs
even when one before it fails."""

import pytest

from nova_like.conductor import manager
from nova_like.conductor.tasks import audit
from nova_like import conf

CONF = conf.CONF


def test_two_passes_act_only_on_what_both_found():
    passes = audit.TwoPasses()
    assert passes.confirm({'a', 'b'}) == []
    assert passes.confirm({'b', 'c'}) == ['b']
    assert passes.confirm(set()) == []
    assert passes.confirm({'c'}) == []


class Recorder:
    def __init__(self, name, ran, fail=False):
        self.name, self.ran, self.fail = name, ran, fail

    def run(self, context):
        self.ran.append(self.name)
        if self.fail:
            raise RuntimeError('%s broke' % self.name)


def test_every_periodic_step_runs_and_the_first_failure_is_raised(
        monkeypatch):
    ran = []
    conductor = manager.ConductorManager(host='ctl', placement=object(),
                                         network=object(), volume=object())
    monkeypatch.setattr(conductor, '_reconcile',
                        lambda ctx: Recorder('reconcile', ran, True).run(ctx))
    conductor.placement_audit = Recorder('placement', ran, True)
    conductor.port_audit = Recorder('ports', ran)
    conductor.volume_audit = Recorder('volumes', ran)
    CONF.set_override('enabled', True, 'network')
    try:
        with pytest.raises(RuntimeError, match='reconcile broke'):
            conductor.periodic_tasks(None)
        assert ran == ['reconcile', 'placement', 'ports', 'volumes']
        # Within their intervals the audits wait; 0 turns one off.
        ran.clear()
        CONF.set_override('volume_audit_interval', 0, 'conductor')
        conductor._next_port_audit = 0.0
        with pytest.raises(RuntimeError):
            conductor.periodic_tasks(None)
        assert ran == ['reconcile', 'ports']
    finally:
        CONF.clear_override('enabled', 'network')
        CONF.clear_override('volume_audit_interval', 'conductor')
