# SPDX-License-Identifier: Apache-2.0
"""Simple tenant usage: hours, vCPU, RAM and disk each server consumed in a period, summed per project."""

import datetime

from oslo_serialization import jsonutils

from nova_like.compute.api import hosts as host_api
from nova_like import context as nl_context
from nova_like.db.main import instances as instance_db


def _naive(value):
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def server_usage(row, start, end, now):
    """One server's usage within [start, end)."""
    began = max(_naive(row['launched_at'] or row['created_at']), start)
    terminated = _naive(row['terminated_at'])
    stopped = min(terminated or end, end)
    seconds = max((stopped - began).total_seconds(), 0)
    try:
        flavor = jsonutils.loads(row['flavor'] or '{}')
    except ValueError:
        flavor = {}
    flavor = flavor.get('nova_like_object.data', flavor)
    local_gb = (row['root_gb'] or 0) + (row['ephemeral_gb'] or 0)
    return {
        'instance_id': row['uuid'], 'name': row['display_name'],
        'hours': seconds / 3600.0, 'memory_mb': row['memory_mb'] or 0,
        'local_gb': local_gb, 'vcpus': row['vcpus'] or 0,
        'tenant_id': row['project_id'], 'flavor': flavor.get('name'),
        'started_at': began, 'ended_at': terminated,
        'state': 'terminated' if row['deleted'] else row['vm_state'],
        'uptime': int(((terminated or now) - began).total_seconds()),
    }


def usages(context, start, end, project_id=None, now=None):
    """Server usages of every cell in [start, end), oldest first."""
    now = now or datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None)
    rows = []
    for cell in host_api.cells(context):
        with nl_context.target_cell(context, cell) as cctx:
            rows.extend(instance_db.instance_get_active_by_window(
                cctx, start, end, project_id))
    rows.sort(key=lambda r: (r['created_at'], r['uuid']))
    return [server_usage(row, start, end, now) for row in rows]


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
