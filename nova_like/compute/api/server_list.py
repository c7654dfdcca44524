# SPDX-License-Identifier: Apache-2.0
"""Server lists: build requests and every cell's instances, in one order.

Merged, filtered, sorted and paged.
"""

import functools
import re

from nova_like.compute import vm_states
from nova_like import context as nl_context
from nova_like import exception
from nova_like.network import model
from nova_like import objects
from nova_like.objects import base as obj_base


def load_faults(cctx, instances):
    """Set .fault on the ERROR and DELETED instances (their latest)."""
    wanted = [i.uuid for i in instances
              if i.vm_state in (vm_states.ERROR, vm_states.DELETED)]
    faults = {}
    if wanted:
        for fault in objects.InstanceFaultList.get_by_instance_uuids(
                cctx, wanted, latest=True):
            faults[fault.instance_uuid] = fault
    for instance in instances:
        instance.fault = faults.get(instance.uuid)


def get_all(context, filters, limit=None, marker=None,
            sort_keys=None, sort_dirs=None):
    """Servers matching filters from the build requests and every cell.

    :param filters: as InstanceList.get_by_filters; project_id scopes
        the listing (absent for an admin's all_tenants); ip and ip6 are
        regexes matched at the start of the servers' fixed IPv4 and IPv6
        addresses, after the database, as Nova does.
    :param marker: uuid of the last server of the previous page.
    :raises: MarkerNotFound.
    """
    filters = dict(filters)
    ips = {name: filters.pop(name) for name in ('ip', 'ip6')
           if name in filters}
    db_limit = None if ips else limit
    sort_keys = list(sort_keys or ['created_at'])
    sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
    if 'uuid' not in sort_keys:
        sort_keys.append('uuid')
        sort_dirs.append(sort_dirs[0] if sort_dirs else 'desc')
    cells = objects.CellMappingList.get_all(context)
    marker_values = None
    if marker is not None:
        marker_values = _marker_values(context, cells, marker,
                                       filters.get('project_id'))
    found = {}
    for instance in _build_request_instances(context, filters):
        values = _sort_values(instance, sort_keys)
        if marker_values is None or _after(values, marker_values,
                                           sort_keys, sort_dirs):
            found[instance.uuid] = instance
    for cell in cells:
        with nl_context.target_cell(context, cell) as cctx:
            listed = objects.InstanceList.get_by_filters_after(
                cctx, filters, sort_keys, sort_dirs, db_limit,
                marker_values)
            load_faults(cctx, listed)
        for instance in listed:
            instance.cell_mapping = cell
            found[instance.uuid] = instance  # the cell copy wins
    # Sort keys are computed once per instance, not once per comparison.
    keyed = [(_sort_values(i, sort_keys), i) for i in found.values()]
    keyed.sort(key=functools.cmp_to_key(
        lambda a, b: _compare(a[0], b[0], sort_keys, sort_dirs)))
    ordered = [instance for _values, instance in keyed]
    if ips:
        ordered = [i for i in ordered if _has_ip(i, ips)]
    return ordered[:limit] if limit is not None else ordered


def _has_ip(instance, ips):
    """Whether one of the server's fixed IPs matches the ip (IPv4) or ip6
    (IPv6) regex, at the start of the address as Nova's re.match."""
    patterns = {4: ips.get('ip'), 6: ips.get('ip6')}
    network_info = obj_base.field_value(instance, 'network_info') or []
    for vif in network_info:
        for address, version in model.fixed_ips(vif):
            pattern = patterns.get(version)
            if pattern is not None and re.match(pattern, address):
                return True
    return False


def _marker_values(context, cells, marker, project_id):
    """The sort values of server marker; MarkerNotFound when it does not
    exist or is not project_id's (when given): another project's server
    is indistinguishable from none."""
    values = _find_marker(context, cells, marker)
    if values is None or project_id is not None and \
            values['project_id'] != project_id:
        raise exception.MarkerNotFound(marker=marker)
    return values


def _find_marker(context, cells, marker):
    try:
        instance = objects.BuildRequest.get_by_instance_uuid(
            context, marker).instance
        return _sort_values(instance)
    except exception.BuildRequestNotFound:
        pass
    for cell in cells:
        with nl_context.target_cell(context, cell) as cctx:
            try:
                return objects.InstanceList.marker_values(cctx, marker)
            except exception.MarkerNotFound:
                continue
    return None


def _build_request_instances(context, filters):
    if filters.get('deleted') or filters.get('changes-before') or \
            filters.get('host') or filters.get('node'):
        return []
    instances = [br.instance for br in objects.BuildRequestList.get_all(
        context, project_id=filters.get('project_id'))]
    return [i for i in instances if _matches(i, filters)]


_SORT_ATTRS = {'display_name', 'display_description', 'hostname', 'host',
               'node', 'created_at', 'updated_at', 'launched_at',
               'terminated_at', 'uuid', 'vm_state', 'task_state',
               'power_state', 'project_id', 'user_id', 'key_name',
               'launch_index', 'image_ref', 'availability_zone',
               'access_ip_v4', 'access_ip_v6', 'config_drive', 'locked_by',
               'progress'}


def _sort_values(instance, keys=_SORT_ATTRS):
    values = {}
    for name in keys:
        value = obj_base.field_value(instance, name)
        if name.startswith('access_ip') and value is not None:
            value = str(value)
        values[name] = obj_base.to_db(value)
    return values


def _compare(a, b, sort_keys, sort_dirs):
    """-1/0/1 for rows a and b in the order sort_keys/sort_dirs give."""
    for key, direction in zip(sort_keys, sort_dirs):
        left, right = a.get(key), b.get(key)
        if left == right:
            continue
        # NULLs first ascending, last descending, as the SQL ordering.
        if left is None:
            result = -1
        elif right is None:
            result = 1
        else:
            result = -1 if left < right else 1
        return result if direction != 'desc' else -result
    return 0


def _after(values, marker_values, sort_keys, sort_dirs):
    return _compare(values, marker_values, sort_keys, sort_dirs) > 0


def _matches(instance, filters):
    """Whether a build request's instance passes the list filters."""
    for key, wanted in filters.items():
        if key in ('changes-since',):
            updated = obj_base.to_db(instance.updated_at)
            if updated is None or updated < obj_base.to_db(wanted):
                return False
            continue
        if key in ('display_name', 'display_description', 'hostname'):
            value = getattr(instance, key) or ''
            if not re.search(str(wanted), value):
                return False
            continue
        if key == 'flavorid':
            if instance.flavor.flavorid != str(wanted):
                return False
            continue
        if key in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
            tags, wanted = set(instance.tags), set(wanted)
            if ((key == 'tags' and not wanted <= tags)
                    or (key == 'tags-any' and not wanted & tags)
                    or (key == 'not-tags' and wanted <= tags)
                    or (key == 'not-tags-any' and wanted & tags)):
                return False
            continue
        if key not in instance.fields or not instance.obj_attr_is_set(key):
            continue
        value = getattr(instance, key)
        allowed = wanted if isinstance(wanted, (list, tuple, set)) \
            else [wanted]
        if value not in allowed and str(value) not in map(str, allowed):
            return False
    return True
