# SPDX-License-Identifier: Apache-2.0
"""A running domain's counters in Nova's standard diagnostics shape."""

import logging
from xml.etree import ElementTree

import libvirt

from nova_like.virt.libvirt import host as host_mod
from nova_like.virt import power_state

LOG = logging.getLogger(__name__)

_NIC_KEYS = ('rx_octets', 'rx_packets', 'rx_errors', 'rx_drop',
             'tx_octets', 'tx_packets', 'tx_errors', 'tx_drop')


def _devices(dom):
    """([disk target devs], [(nic target dev, mac)]) of the domain's XML."""
    root = ElementTree.fromstring(dom.XMLDesc(0))
    disks = [target.get('dev') for target in
             root.findall('./devices/disk/target') if target.get('dev')]
    nics = []
    for interface in root.findall('./devices/interface'):
        target = interface.find('target')
        mac = interface.find('mac')
        nics.append((target.get('dev') if target is not None else None,
                     mac.get('address') if mac is not None else None))
    return disks, nics


def _guarded(call, *args):
    """call(*args), or None when libvirt cannot say (a device gone)."""
    try:
        return call(*args)
    except libvirt.libvirtError as exc:
        LOG.debug('diagnostics: %s%s failed: %s', call.__name__, args, exc)
        return None


def _disk(dom, dev):
    stats = _guarded(dom.blockStats, dev)
    if stats is None:
        return dict.fromkeys(('read_requests', 'read_bytes',
                              'write_requests', 'write_bytes',
                              'errors_count'))
    rd_req, rd_bytes, wr_req, wr_bytes, errors = stats
    return {'read_bytes': rd_bytes, 'read_requests': rd_req,
            'write_bytes': wr_bytes, 'write_requests': wr_req,
            'errors_count': errors}


def _nic(dom, dev, mac):
    stats = _guarded(dom.interfaceStats, dev) if dev else None
    detail = dict(zip(_NIC_KEYS, stats)) if stats else dict.fromkeys(
        _NIC_KEYS)
    detail.update(mac_address=mac, rx_rate=None, tx_rate=None)
    return detail


def _cpus(dom):
    info = _guarded(dom.vcpus)
    if not info:
        return []
    return [{'id': cpu[0], 'time': cpu[2], 'utilisation': None}
            for cpu in info[0]]


def of(dom, virt_type, config_drive):
    """The diagnostics of dom (see ComputeDriver.get_diagnostics)."""
    state, max_mem_kib, _mem_kib, num_cpus, _cpu_time = dom.info()
    memory = _guarded(dom.memoryStats) or {}
    used_kib = memory.get('rss')
    disks, nics = _devices(dom)
    return {
        'state': power_state.STATE_MAP.get(
            host_mod.STATE_MAP.get(state, power_state.NOSTATE), 'pending'),
        'driver': 'libvirt',
        'hypervisor': virt_type,
        'hypervisor_os': 'linux',
        'uptime': None,
        'config_drive': config_drive,
        'num_cpus': num_cpus,
        'num_nics': len(nics),
        'num_disks': len(disks),
        'memory_details': {
            'maximum': max_mem_kib // 1024,
            'used': used_kib // 1024 if used_kib is not None else None},
        'cpu_details': _cpus(dom),
        'nic_details': [_nic(dom, dev, mac) for dev, mac in nics],
        'disk_details': [_disk(dom, dev) for dev in disks],
    }
