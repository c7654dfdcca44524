# SPDX-License-Identifier: Apache-2.0
"""GET /servers query strings to list filters, with Nova's rules.

The rules say who may filter and sort by what.
"""

import re
import types

from oslo_utils import strutils
from oslo_utils import timeutils

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import servers as rules
from nova_like.api import validation
from nova_like.api.views import server_status

# Filters every user may use (others are dropped for non-admins).
_USER_FILTERS = ('reservation_id', 'name', 'status', 'image', 'flavor', 'ip',
                 'changes-since', 'all_tenants')
_USER_FILTERS_2_5 = ('ip6',)
_USER_FILTERS_2_26 = ('tags', 'tags-any', 'not-tags', 'not-tags-any')
_USER_FILTERS_2_66 = ('changes-before',)
_USER_FILTERS_2_73 = ('locked',)
_USER_FILTERS_2_83 = ('availability_zone', 'config_drive', 'key_name',
                      'created_at', 'launched_at', 'terminated_at',
                      'power_state', 'task_state', 'vm_state', 'progress',
                      'user_id')
# Query names whose value is an exact column value.
_EXACT = {'reservation_id': 'reservation_id', 'host': 'host',
          'node': 'node', 'availability_zone': 'availability_zone',
          'key_name': 'key_name', 'user_id': 'user_id', 'uuid': 'uuid',
          'vm_state': 'vm_state', 'task_state': 'task_state',
          'power_state': 'power_state', 'launch_index': 'launch_index',
          'config_drive': 'config_drive', 'image_ref': 'image_ref'}
_REGEX = {'name': 'display_name', 'display_name': 'display_name',
          'description': 'display_description',
          'display_description': 'display_description',
          'hostname': 'hostname', 'ip': 'ip', 'ip6': 'ip6'}
# Sort keys that are columns here; Nova's others are accepted and ignored.
_SORT_COLUMNS = {'access_ip_v4', 'access_ip_v6', 'availability_zone',
                 'config_drive', 'created_at', 'display_description',
                 'display_name', 'host', 'hostname', 'image_ref',
                 'key_name', 'launch_index', 'launched_at', 'locked_by',
                 'node', 'power_state', 'progress', 'project_id',
                 'task_state', 'terminated_at', 'updated_at', 'user_id',
                 'uuid', 'vm_state'}
_ADMIN_SORT_KEYS = ('host', 'node', 'compute_host', 'hypervisor_hostname')


def _allowed_names(request):
    names = list(_USER_FILTERS)
    for version, extra in (('2.5', _USER_FILTERS_2_5),
                           ('2.26', _USER_FILTERS_2_26),
                           ('2.66', _USER_FILTERS_2_66),
                           ('2.73', _USER_FILTERS_2_73),
                           ('2.83', _USER_FILTERS_2_83)):
        if microversion.at_least(request, version):
            names.extend(extra)
    return names


def _all_tenants(params):
    if 'all_tenants' not in params:
        return False
    value = validation.last(params, 'all_tenants')
    if value == '':
        return True
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise errors.bad_request('Invalid value "%s" for all_tenants'
                                 % value)


def _time(params, name):
    value = validation.last(params, name)
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise errors.bad_request('Invalid filter field: %s.' % name)


def _sort(request, is_admin, params):
    keys = params.get('sort_key', [])
    dirs = params.get('sort_dir', [])
    if not is_admin:
        for key in keys:
            if key in _ADMIN_SORT_KEYS:
                raise errors.forbidden('Only administrators can sort '
                                       'servers by %s' % key)
    if dirs and len(dirs) != len(keys) and len(dirs) != 1:
        raise errors.bad_request('The number of sort_keys and sort_dirs '
                                 'must be the same')
    pairs = []
    for index, key in enumerate(keys):
        direction = dirs[index] if index < len(dirs) else (
            dirs[0] if dirs else 'desc')
        if key in _SORT_COLUMNS:
            pairs.append((key, direction))
    if not pairs:
        return ['created_at'], [dirs[0] if dirs else 'desc']
    return [k for k, _ in pairs], [d for _, d in pairs]


def from_query(request, context, params, all_tenants_rule):
    """The list's filters, sort and marker, or None for an empty result.

    :param all_tenants_rule: the policy rule all_tenants needs (index and
        detail each have their own).
    :raises: HTTPBadRequest for a value that cannot be a filter,
        HTTPForbidden for all_tenants or an admin-only sort of a non-admin.
    """
    is_admin = policies.authorize(context, rules.ALLOW_ALL_FILTERS,
                                  fatal=False)
    if not is_admin:
        allowed = set(_allowed_names(request)) | {
            'limit', 'marker', 'sort_key', 'sort_dir'}
        params = {k: v for k, v in params.items() if k in allowed}
    filters = {}
    if _all_tenants(params):
        policies.authorize(context, all_tenants_rule)
        project = validation.last(params, 'project_id') or validation.last(
            params, 'tenant_id')
        if project:
            filters['project_id'] = project
    else:
        filters['project_id'] = context.project_id
    for name, column in _EXACT.items():
        if name in params:
            values = params[name]
            filters[column] = values if len(values) > 1 else values[0]
    for name, column in _REGEX.items():
        if name in params:
            pattern = validation.last(params, name)
            try:
                re.compile(pattern)
            except re.error:
                raise errors.bad_request('Invalid filter field: %s.' % name)
            filters[column] = pattern
    if 'image' in params:
        filters['image_ref'] = validation.last(params, 'image').rstrip(
            '/').rsplit('/', 1)[-1]
    if 'flavor' in params:
        filters['flavorid'] = validation.last(params, 'flavor').rstrip(
            '/').rsplit('/', 1)[-1]
    if 'changes-since' in params:
        filters['changes-since'] = _time(params, 'changes-since')
    if 'changes-before' in params:
        filters['changes-before'] = _time(params, 'changes-before')
        since = filters.get('changes-since')
        if since is not None and since > filters['changes-before']:
            raise errors.bad_request('The value of changes-since must be '
                                     'less than or equal to changes-before.')
    for name in ('locked', 'deleted'):
        if name in params:
            value = validation.last(params, name)
            try:
                filters[name] = strutils.bool_from_string(value, strict=True)
            except ValueError:
                raise errors.bad_request('Unrecognized value \'%s\' for '
                                         'parameter %s' % (value, name))
    if 'locked' in filters and not microversion.at_least(request, '2.73'):
        filters.pop('locked')
    for name in _USER_FILTERS_2_26:
        if name in params and microversion.at_least(request, '2.26'):
            filters[name] = [t for v in params[name] for t in v.split(',')
                             if t]
    if 'status' in params:
        vm_states, task_states = set(), set()
        any_task = False
        for status in params['status']:
            states, tasks = server_status.states_from_status(status)
            vm_states.update(states)
            if tasks is None:
                any_task = True
            else:
                task_states.update(tasks)
        if 'deleted' in vm_states:
            if not is_admin:
                return None
            filters['deleted'] = True
            vm_states.discard('deleted')
        if not vm_states and not filters.get('deleted'):
            return None
        if vm_states:
            filters['vm_state'] = sorted(vm_states)
            if not any_task:
                filters['task_state'] = sorted(
                    task_states, key=lambda t: (t is None, t or ''))
    sort_keys, sort_dirs = _sort(request, is_admin, params)
    return types.SimpleNamespace(
        filters=filters, sort_keys=sort_keys, sort_dirs=sort_dirs,
        marker=validation.last(params, 'marker'))
