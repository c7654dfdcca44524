# SPDX-License-Identifier: Apache-2.0
"""Simple tenant usage: what each server consumed in a period, by project.

Hours, vCPU, RAM and disk, summed per project.
"""

import datetime

from nova_like.compute.api import hosts as host_api
from nova_like import context as nl_context
from nova_like import objects
from nova_like.objects import base as obj_base


def _naive(value):
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def server_usage(instance, start, end, now):
    """One server's usage within [start, end)."""
    began = max(_naive(instance.launched_at or instance.created_at), start)
    terminated = _naive(instance.terminated_at)
    stopped = min(terminated or end, end)
    seconds = max((stopped - began).total_seconds(), 0)
    flavor = instance.flavor
    local_gb = (instance.root_gb or 0) + (instance.ephemeral_gb or 0)
    return {
        'instance_id': instance.uuid, 'name': instance.display_name,
        'hours': seconds / 3600.0, 'memory_mb': instance.memory_mb or 0,
        'local_gb': local_gb, 'vcpus': instance.vcpus or 0,
        'tenant_id': instance.project_id,
        'flavor': obj_base.field_value(flavor, 'name') if flavor else None,
        'started_at': began, 'ended_at': terminated,
        'state': 'terminated' if instance.deleted else instance.vm_state,
        'uptime': int(((terminated or now) - began).total_seconds()),
    }


def usages(context, start, end, project_id=None, now=None):
    """Server usages of every cell in [start, end), oldest first."""
    now = now or datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None)
    instances = []
    for cell in host_api.cells(context):
        with nl_context.target_cell(context, cell) as cctx:
            instances.extend(objects.InstanceList.get_active_by_window(
                cctx, start, end, project_id))
    instances.sort(key=lambda i: (i.created_at, i.uuid))
    return [server_usage(instance, start, end, now)
            for instance in instances]


def by_project(server_usages):
    """{project: totals and its server usages}, in first-seen order."""
    projects = {}
    for usage in server_usages:
        total = projects.setdefault(usage['tenant_id'], {
            'tenant_id': usage['tenant_id'], 'total_hours': 0.0,
            'total_local_gb_usage': 0.0, 'total_memory_mb_usage': 0.0,
            'total_vcpus_usage': 0.0, 'server_usages': []})
        hours = usage['hours']
        total['total_hours'] += hours
        total['total_local_gb_usage'] += usage['local_gb'] * hours
        total['total_memory_mb_usage'] += usage['memory_mb'] * hours
        total['total_vcpus_usage'] += usage['vcpus'] * hours
        total['server_usages'].append(usage)
    return projects
