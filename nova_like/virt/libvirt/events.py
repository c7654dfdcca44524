# SPDX-License-Identifier: Apache-2.0
"""libvirt's event loop in a daemon thread.

Lifecycle events become power states.
"""

import logging
import threading

import libvirt

from nova_like.virt import power_state

LOG = logging.getLogger(__name__)

_started = False
_lock = threading.Lock()


def start_event_loop():
    """Register libvirt's default event implementation and run it in a thread.

    Must happen before the connection whose events we want is opened;
    once per process.
    """
    global _started
    with _lock:
        if _started:
            return
        libvirt.virEventRegisterDefaultImpl()
        thread = threading.Thread(target=_run, name='libvirt-events',
                                  daemon=True)
        thread.start()
        _started = True


def _run():
    while True:
        try:
            libvirt.virEventRunDefaultImpl()
        except Exception:  # keep the loop alive whatever a callback did
            LOG.exception('libvirt event loop iteration failed')


def lifecycle_power_state(event, detail):
    """The power state a VIR_DOMAIN_EVENT_* lifecycle event means, or None."""
    if event in (libvirt.VIR_DOMAIN_EVENT_STARTED,
                 libvirt.VIR_DOMAIN_EVENT_RESUMED):
        return power_state.RUNNING
    if event == libvirt.VIR_DOMAIN_EVENT_SUSPENDED:
        return power_state.PAUSED
    if event == libvirt.VIR_DOMAIN_EVENT_PMSUSPENDED:
        return power_state.SUSPENDED
    if event == libvirt.VIR_DOMAIN_EVENT_CRASHED:
        return power_state.CRASHED
    if event == libvirt.VIR_DOMAIN_EVENT_STOPPED:
        if detail == libvirt.VIR_DOMAIN_EVENT_STOPPED_SAVED:
            return power_state.SUSPENDED
        if detail == libvirt.VIR_DOMAIN_EVENT_STOPPED_CRASHED:
            return power_state.CRASHED
        return power_state.SHUTDOWN
    return None  # DEFINED, UNDEFINED, SHUTDOWN (STOPPED follows)
