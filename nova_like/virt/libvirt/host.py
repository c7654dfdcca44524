# SPDX-License-Identifier: Apache-2.0
"""The host side of libvirt: the connection and its capabilities.

And what the capabilities mean for Placement.
"""

import json
import logging
import threading
from xml.etree import ElementTree as ET

import libvirt
import os_traits

from nova_like import exception
from nova_like.virt import power_state
from nova_like.virt.libvirt import events

LOG = logging.getLogger(__name__)

STATE_MAP = {
    libvirt.VIR_DOMAIN_NOSTATE: power_state.NOSTATE,
    libvirt.VIR_DOMAIN_RUNNING: power_state.RUNNING,
    libvirt.VIR_DOMAIN_BLOCKED: power_state.RUNNING,
    libvirt.VIR_DOMAIN_PAUSED: power_state.PAUSED,
    libvirt.VIR_DOMAIN_SHUTDOWN: power_state.SHUTDOWN,
    libvirt.VIR_DOMAIN_SHUTOFF: power_state.SHUTDOWN,
    libvirt.VIR_DOMAIN_CRASHED: power_state.CRASHED,
    libvirt.VIR_DOMAIN_PMSUSPENDED: power_state.SUSPENDED,
}


class Host:
    """One libvirt connection (reopened if it dies) with lifecycle events."""

    def __init__(self, uri, hostname, on_lifecycle=None):
        self.uri = uri
        self.hostname = hostname
        self._on_lifecycle = on_lifecycle
        self._conn = None
        self._callback_id = None
        self._lock = threading.Lock()

    def get_connection(self):
        with self._lock:
            if self._conn is not None:
                try:
                    if self._conn.isAlive():
                        return self._conn
                except libvirt.libvirtError:
                    pass
                LOG.warning('Connection to %s lost; reconnecting', self.uri)
            if self._on_lifecycle is not None:
                events.start_event_loop()
            try:
                conn = libvirt.open(self.uri)
            except libvirt.libvirtError as exc:
                raise exception.HypervisorError(
                    host=self.hostname, reason='cannot connect to libvirt at '
                    '%s ([libvirt] connection_uri): %s' % (
                        self.uri, exc.get_error_message())) from exc
            if self._on_lifecycle is not None:
                self._callback_id = conn.domainEventRegisterAny(
                    None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                    self._lifecycle, None)
            self._conn = conn
            return conn

    def _lifecycle(self, conn, dom, event, detail, opaque):
        try:
            self._on_lifecycle(dom.UUIDString(), event, detail)
        except Exception:  # never let a listener kill the event loop
            LOG.exception('Lifecycle event listener failed')

    def close(self):
        with self._lock:
            if self._conn is not None:
                try:
                    if self._callback_id is not None:
                        self._conn.domainEventDeregisterAny(
                            self._callback_id)
                    self._conn.close()
                except libvirt.libvirtError:
                    pass
                self._conn = None
                self._callback_id = None

    def capabilities(self):
        return ET.fromstring(self.get_connection().getCapabilities())

    def cpu_info(self):
        """The host CPU as the cpu_info JSON of a ComputeNode."""
        cpu = self.capabilities().find('host/cpu')
        info = {'arch': None, 'model': None, 'vendor': None,
                'topology': {}, 'features': []}
        if cpu is None:
            return info
        for name in ('arch', 'model', 'vendor'):
            element = cpu.find(name)
            info[name] = element.text if element is not None else None
        topology = cpu.find('topology')
        if topology is not None:
            info['topology'] = {k: int(v) for k, v in topology.attrib.items()
                                if v.isdigit()}
        info['features'] = sorted(f.get('name')
                                  for f in cpu.findall('feature'))
        return info

    def cpu_traits(self):
        """os-traits names of the host CPU's features (HW_CPU_X86_*)."""
        known = set(os_traits.get_traits('HW_CPU_'))
        traits = set()
        info = self.cpu_info()
        for feature in info['features']:
            name = 'HW_CPU_X86_' + feature.upper().replace('.', '_')
            if name in known:
                traits.add(name)
        return sorted(traits)

    def node_info(self):
        """(arch, memory MiB, CPUs) of the host."""
        arch, memory_mb, cpus = self.get_connection().getInfo()[:3]
        return arch, memory_mb, cpus

    def version(self):
        return self.get_connection().getVersion()

    def lookup(self, uuid):
        """The domain of uuid, or None."""
        try:
            return self.get_connection().lookupByUUIDString(uuid)
        except libvirt.libvirtError as exc:
            if exc.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
                return None
            raise

    def list_domains(self):
        return self.get_connection().listAllDomains(0)


def cpu_info_json(info):
    return json.dumps(info, sort_keys=True)
