# SPDX-License-Identifier: Apache-2.0
"""Server diagnostics: Nova's standard shape from 2.48, a flat one below.

Below 2.48 Nova answered whatever its driver returned; nova_like flattens
the standard counters into that era's libvirt-style keys (cpu0_time,
memory, disk0_read, nic0_rx, ...).
"""

_DISK = (('read_bytes', 'read'), ('read_requests', 'read_req'),
         ('write_bytes', 'write'), ('write_requests', 'write_req'),
         ('errors_count', 'errors'))
_NIC = (('rx_octets', 'rx'), ('rx_drop', 'rx_drop'),
        ('rx_errors', 'rx_errors'), ('rx_packets', 'rx_packets'),
        ('tx_octets', 'tx'), ('tx_drop', 'tx_drop'),
        ('tx_errors', 'tx_errors'), ('tx_packets', 'tx_packets'))


def legacy(diagnostics):
    """The flat pre-2.48 body of standard diagnostics."""
    body = {}
    for cpu in diagnostics['cpu_details']:
        body['cpu%s_time' % cpu['id']] = cpu['time']
    memory = diagnostics['memory_details']
    if memory['maximum'] is not None:
        body['memory'] = memory['maximum'] * 1024  # KiB, as libvirt says
    if memory['used'] is not None:
        body['memory-rss'] = memory['used'] * 1024
    for index, disk in enumerate(diagnostics['disk_details']):
        for key, suffix in _DISK:
            body['disk%d_%s' % (index, suffix)] = disk[key]
    for index, nic in enumerate(diagnostics['nic_details']):
        for key, suffix in _NIC:
            body['nic%d_%s' % (index, suffix)] = nic[key]
    return body
