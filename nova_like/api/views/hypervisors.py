# SPDX-License-Identifier: Apache-2.0
"""Hypervisor bodies: the summary, the detail and statistics.

The detail has resource fields until 2.88.
"""

from oslo_serialization import jsonutils

from nova_like.api import microversion
from nova_like import conf

CONF = conf.CONF

_RESOURCES = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
              'memory_mb_used', 'local_gb_used')


def public_id(request, thing):
    return thing.uuid if microversion.at_least(request, '2.53') else thing.id


def summary(request, node, service, servers=None):
    body = {'id': public_id(request, node),
            'hypervisor_hostname': node.hypervisor_hostname,
            'state': 'up' if service and service.is_up(
                CONF.service_down_time) else 'down',
            'status': 'disabled' if service is None or service.disabled
            else 'enabled'}
    if servers is not None and (servers or microversion.at_least(
            request, '2.75')):
        body['servers'] = servers
    return body


def _free(node):
    return {'free_ram_mb': node.memory_mb - node.memory_mb_used,
            'free_disk_gb': node.local_gb - node.local_gb_used}


def detail(request, node, service, servers=None, uptime=None):
    """:param uptime: the host's `uptime` text, shown from 2.88 (null in
        lists, as Nova)."""
    body = summary(request, node, service)
    body.update({
        'hypervisor_type': node.hypervisor_type,
        'hypervisor_version': node.hypervisor_version,
        'host_ip': node.host_ip,
        'service': {'id': public_id(request, service) if service else None,
                    'host': node.host,
                    'disabled_reason': service.disabled_reason
                    if service else None},
    })
    if microversion.at_least(request, '2.88'):
        body['uptime'] = uptime
    else:
        body.update({name: getattr(node, name) for name in _RESOURCES})
        body.update(_free(node))
        body.update({'current_workload': 0,
                     'running_vms': node.running_vms,
                     'disk_available_least': 0})
        cpu_info = node.cpu_info
        if microversion.at_least(request, '2.28'):
            cpu_info = jsonutils.loads(cpu_info or '{}')
        body['cpu_info'] = cpu_info
    if servers is not None and (servers or microversion.at_least(
            request, '2.75')):
        body['servers'] = servers
    return body


def statistics(nodes):
    totals = {name: sum(getattr(n, name) for n in nodes)
              for name in _RESOURCES + ('running_vms',)}
    totals.update({'count': len(nodes), 'current_workload': 0,
                   'disk_available_least': 0,
                   'free_ram_mb': sum(_free(n)['free_ram_mb'] for n in nodes),
                   'free_disk_gb': sum(_free(n)['free_disk_gb']
                                       for n in nodes)})
    return totals
