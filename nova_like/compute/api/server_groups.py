# SPDX-License-Identifier: Apache-2.0
"""Server groups as the API sees them: create, find, join at server create.

Create is the one place for their quota.
"""

from nova_like import conf
from nova_like import exception
from nova_like import objects
from nova_like.objects import quotas

CONF = conf.CONF


def check_quota(context, adding_groups=0, group=None, adding_members=0):
    """The server_groups / server_group_members quota check.

    Called before a group is created (adding_groups=1) and before servers
    join one (group, adding_members).

    :raises: OverQuota.
    """
    if adding_groups:
        quotas.check_deltas(context.project_id, context.user_id,
                            {'server_groups': adding_groups})
    if group is not None and adding_members:
        quotas.check_group_members(context.project_id, len(group.members),
                                   adding_members)


def create(context, name, policy, rules):
    """:raises: OverQuota, also when concurrent creates took the last
        groups meanwhile (counted again once written; then undone)."""
    check_quota(context, adding_groups=1)
    group = objects.InstanceGroup(
        context, name=name, policy=policy,
        rules={k: str(v) for k, v in rules.items()},
        project_id=context.project_id, user_id=context.user_id)
    group.create()
    try:
        quotas.recheck(context.project_id, context.user_id,
                       {'server_groups': 1})
    except exception.OverQuota:
        group.destroy()
        raise
    return group


def get(context, uuid):
    """The group, if the caller's project's or the caller an admin (as
    Nova's query): another project's group is indistinguishable from
    none.

    :raises: InstanceGroupNotFound.
    """
    group = objects.InstanceGroup.get_by_uuid(context, uuid)
    if not context.is_admin and group.project_id != context.project_id:
        raise exception.InstanceGroupNotFound(group_uuid=uuid)
    return group


def get_all(context, project_id=None):
    return list(objects.InstanceGroupList.get_all(context, project_id))


def group_for_create(context, hints):
    """The group a new server joins (os:scheduler_hints group), or None.

    :raises: Invalid naming the group when it does not exist.
    """
    wanted = (hints or {}).get('group')
    if not wanted:
        return None
    uuid = wanted[0] if isinstance(wanted, list) else wanted
    try:
        return get(context, uuid)
    except exception.InstanceGroupNotFound:
        raise exception.Invalid(reason='Invalid server group: %s could not '
                                       'be found.' % uuid)


def join(context, group, instance_uuids):
    """Add the new servers to group, within server_group_members.

    :raises: OverQuota, also when concurrent creates filled the group
        meanwhile (counted again once written; the caller removes the
        members it added).
    """
    check_quota(context, group=group, adding_members=len(instance_uuids))
    objects.InstanceGroup.add_members(context, group.uuid, instance_uuids)
    if CONF.quota.recheck_quota:
        members = len(get(context, group.uuid).members)
        quotas.check_group_members(context.project_id,
                                   members - len(instance_uuids),
                                   len(instance_uuids))
