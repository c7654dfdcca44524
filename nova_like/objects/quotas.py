# SPDX-License-Identifier: Apache-2.0
"""Quotas counted from real usage: a project's limits, its usage, the checks.

Nothing is reserved ahead: a request counts what exists, writes its rows,
and (with [quota] recheck_quota) counts again, undoing its rows when a
concurrent request took the project over a limit meanwhile. Never travels
over RPC, so these are plain functions over the API database.
"""

from nova_like.db.api import instance_groups as instance_groups_db
from nova_like.db.api import instance_mappings as instance_mappings_db
from nova_like.db.api import key_pairs as key_pairs_db
from nova_like.db.api import quotas as db
from nova_like import conf
from nova_like import exception

CONF = conf.CONF

# The resources a project has limits for, in the order the API shows them.
RESOURCES = ('cores', 'instances', 'key_pairs', 'metadata_items', 'ram',
             'server_group_members', 'server_groups')
# Counted per object (items of one server, members of one group), not
# across the project: their usage in a quota set is always 0.
PER_OBJECT = ('metadata_items', 'server_group_members')
# Shown and settable only below the microversion that dropped them; they
# limit nothing here. Network ones are Neutron's business (-1).
LEGACY_DEFAULTS = {
    'fixed_ips': -1, 'floating_ips': -1, 'security_group_rules': -1,
    'security_groups': -1, 'injected_file_content_bytes': 10240,
    'injected_file_path_bytes': 255, 'injected_files': 5,
}


# The quota class whose limits, where set, replace [quota]'s for every
# project (Nova's os-quota-class-sets; other classes are kept, not used).
DEFAULT_CLASS = 'default'
# Classes live in the quotas table under a key no project can have: project
# ids hold no whitespace (a quota write for one that does is refused).
_CLASS_KEY = 'quota class %s'
CLASS_NAME_MAX = 255 - len(_CLASS_KEY % '')


def _overlay(limits, rows):
    limits.update({resource: limit for resource, limit in rows.items()
                   if resource in limits})
    return limits


def defaults():
    """:returns: {resource: limit} of a project with none of its own:
    [quota]'s (legacy resources included), or the default class's where
    set."""
    return class_limits(DEFAULT_CLASS)


def class_limits(name):
    """:returns: {resource: limit} of quota class name: its own where set,
    else [quota]'s (legacy resources included)."""
    limits = {resource: getattr(CONF.quota, resource)
              for resource in RESOURCES}
    limits.update(LEGACY_DEFAULTS)
    return _overlay(limits, db.quota_get_all_by_project(_CLASS_KEY % name))


def set_class_limits(name, limits):
    """Set {resource: limit} of quota class name (at most CLASS_NAME_MAX
    characters)."""
    db.quota_set(_CLASS_KEY % name, limits)


def get_limits(project_id):
    """:returns: {resource: limit}: the project's own, else the default
    (legacy resources included)."""
    return _overlay(defaults(), db.quota_get_all_by_project(project_id))


def set_limits(project_id, limits):
    db.quota_set(project_id, limits)


def reset(project_id):
    """Forget the project's own limits: it has the defaults again."""
    db.quota_destroy_all_by_project(project_id)


_SERVER_RESOURCES = ('instances', 'cores', 'ram')


def usage(project_id, user_id=None, resources=None):
    """:returns: {resource: in use} for project_id (key_pairs for user_id).

    :param resources: only these are counted (the others are absent); all
        by default.
    """
    wanted = set(resources) if resources is not None else None
    used = {}
    if wanted is None or wanted & set(_SERVER_RESOURCES):
        used.update(zip(_SERVER_RESOURCES,
                        instance_mappings_db.instance_usage_by_project(
                            project_id)))
    if wanted is None or 'key_pairs' in wanted:
        used['key_pairs'] = (key_pairs_db.key_pair_count_by_user(user_id)
                             if user_id else 0)
    if wanted is None or 'server_groups' in wanted:
        used['server_groups'] = _server_groups_in_use(project_id)
    if wanted is None:
        used.update(metadata_items=0, server_group_members=0)
    return used


def _limited(deltas, limits):
    """The resources of deltas that have a limit (-1 is none): only they
    need counting."""
    return [r for r in deltas if limits[r] >= 0]


def _server_groups_in_use(project_id):
    return instance_groups_db.instance_group_count_by_project(project_id)


def _over(deltas, limits, used):
    """The first (resource, limit, used) that deltas take over the limit."""
    for resource, delta in deltas.items():
        limit = limits[resource]
        if limit >= 0 and used[resource] + delta > limit:
            return resource, limit, used[resource]
    return None


def check_deltas(project_id, user_id, deltas):
    """Refuse deltas ({resource: amount more}) that go over a limit.

    :raises: OverQuota naming the first resource over.
    """
    limits = get_limits(project_id)
    limited = _limited(deltas, limits)
    if not limited:
        return
    over = _over({r: deltas[r] for r in limited}, limits,
                 usage(project_id, user_id, limited))
    if over:
        resource, limit, used = over
        raise exception.OverQuota(resource=resource,
                                  requested=deltas[resource], used=used,
                                  limit=limit)


def recheck(project_id, user_id, deltas, limits=None):
    """After writing deltas' rows: refuse if the project is now over.

    The rows are counted already, so usage may equal the limit, not more.

    :param limits: the project's limits, if the caller has them.
    :raises: OverQuota, with used being what others hold.
    """
    if not CONF.quota.recheck_quota:
        return
    limits = limits or get_limits(project_id)
    limited = _limited(deltas, limits)
    if not limited:
        return
    used = usage(project_id, user_id, limited)
    over = _over({resource: 0 for resource in limited}, limits, used)
    if over:
        resource, limit, in_use = over
        raise exception.OverQuota(resource=resource,
                                  requested=deltas[resource],
                                  used=in_use - deltas[resource],
                                  limit=limit)


def instances_that_fit(project_id, user_id, flavor, min_count, max_count,
                       limits=None):
    """How many servers of flavor, between min_count and max_count, fit.

    :param limits: the project's limits, if the caller has them.
    :raises: OverQuota when not even min_count fit.
    """
    limits = limits or get_limits(project_id)
    per_server = {'instances': 1, 'cores': flavor.vcpus,
                  'ram': flavor.memory_mb}
    per_server = {r: per_server[r] for r in _limited(per_server, limits)}
    if not per_server:
        return max_count
    used = usage(project_id, user_id, per_server)
    for count in range(max_count, min_count - 1, -1):
        deltas = {r: n * count for r, n in per_server.items()}
        if _over(deltas, limits, used) is None:
            return count
    deltas = {r: n * min_count for r, n in per_server.items()}
    resource, limit, in_use = _over(deltas, limits, used)
    raise exception.OverQuota(resource=resource, requested=deltas[resource],
                              used=in_use, limit=limit)


def check_metadata_items(project_id, metadata, limits=None):
    """:raises: MetadataLimitExceeded when a server has too many items."""
    limit = (limits or get_limits(project_id))['metadata_items']
    if limit >= 0 and len(metadata or {}) > limit:
        raise exception.MetadataLimitExceeded(allowed=limit)


def check_group_members(project_id, members, adding):
    """:raises: OverQuota when a server group would have too many members."""
    limit = get_limits(project_id)['server_group_members']
    if limit >= 0 and members + adding > limit:
        raise exception.OverQuota(resource='server_group_members',
                                  requested=adding, used=members,
                                  limit=limit)
