# SPDX-License-Identifier: Apache-2.0
"""libvirt lifecycle events as power states."""

from tests import libvirt_env

libvirt_env.require_binding()

import libvirt  # noqa: E402

from nova_like.virt.libvirt import events  # noqa: E402
from nova_like.virt import power_state  # noqa: E402


def test_mapping():
    cases = {
        (libvirt.VIR_DOMAIN_EVENT_STARTED, 0): power_state.RUNNING,
        (libvirt.VIR_DOMAIN_EVENT_RESUMED, 0): power_state.RUNNING,
        (libvirt.VIR_DOMAIN_EVENT_SUSPENDED, 0): power_state.PAUSED,
        (libvirt.VIR_DOMAIN_EVENT_STOPPED,
         libvirt.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN): power_state.SHUTDOWN,
        (libvirt.VIR_DOMAIN_EVENT_STOPPED,
         libvirt.VIR_DOMAIN_EVENT_STOPPED_SAVED): power_state.SUSPENDED,
        (libvirt.VIR_DOMAIN_EVENT_STOPPED,
         libvirt.VIR_DOMAIN_EVENT_STOPPED_CRASHED): power_state.CRASHED,
        (libvirt.VIR_DOMAIN_EVENT_DEFINED, 0): None,
        (libvirt.VIR_DOMAIN_EVENT_SHUTDOWN, 0): None,
    }
    for (event, detail), state in cases.items():
        assert events.lifecycle_power_state(event, detail) == state
