# SPDX-License-Identifier: Apache-2.0
"""InstanceGroup: a server group, its policy and members.

And the compute host's late check.
"""

from oslo_versionedobjects import fields

from nova_like.db.api import instance_groups as db
from nova_like.objects import base

AFFINITY = 'affinity'
ANTI_AFFINITY = 'anti-affinity'
SOFT_AFFINITY = 'soft-affinity'
SOFT_ANTI_AFFINITY = 'soft-anti-affinity'
POLICIES = (AFFINITY, ANTI_AFFINITY, SOFT_AFFINITY, SOFT_ANTI_AFFINITY)


def max_server_per_host(rules):
    return int((rules or {}).get('max_server_per_host') or 1)


def violation(policy, rules, other_hosts, host):
    """Why host breaks the group's policy given other_hosts, or None.

    other_hosts are the hosts of the group's other members.
    """
    if policy == AFFINITY and other_hosts and host not in other_hosts:
        return ('affinity: the group\'s other servers run on %s, not %s'
                % (', '.join(sorted(set(other_hosts))), host))
    if policy == ANTI_AFFINITY:
        limit = max_server_per_host(rules)
        count = other_hosts.count(host)
        if count >= limit:
            return ('anti-affinity: host %s already runs %d server(s) of '
                    'the group (max_server_per_host %d)'
                    % (host, count, limit))
    return None


@base.NovaLikeObjectRegistry.register
class InstanceGroup(base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'policy': fields.StringField(nullable=True),
        'rules': fields.DictOfNullableStringsField(default={}),
        'members': fields.ListOfStringsField(default=[]),
        'hosts': fields.ListOfStringsField(default=[]),
        'created_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, group, db_group):
        row = dict(db_group, rules={k: str(v) for k, v in
                                    db_group['rules'].items()},
                   hosts=sorted(set(db_group['hosts'].values())))
        return base.from_db(context, group, row)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        """:raises: InstanceGroupNotFound."""
        return cls._from_db_object(context, cls(),
                                   db.instance_group_get_by_uuid(uuid))

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:raises: InstanceGroupNotFound."""
        return cls._from_db_object(
            context, cls(), db.instance_group_get_by_instance(instance_uuid))

    @base.remotable
    def create(self):
        base.ensure_new(self)
        values = {k: getattr(self, k) for k in
                  ('uuid', 'name', 'user_id', 'project_id')
                  if self.obj_attr_is_set(k)}
        rules = {k: int(v) for k, v in (self.rules or {}).items()}
        self._from_db_object(self._context, self, db.instance_group_create(
            values, self.policy, rules))

    @base.remotable
    def destroy(self):
        db.instance_group_delete(self.uuid)

    @classmethod
    @base.remotable
    def add_members(cls, context, group_uuid, instance_uuids):
        """:raises: InstanceGroupNotFound."""
        db.instance_group_members_add(group_uuid, instance_uuids)

    @classmethod
    @base.remotable
    def remove_member(cls, context, instance_uuid):
        db.instance_group_member_delete(instance_uuid)

    @classmethod
    @base.remotable
    def place_member(cls, context, group_uuid, instance_uuid, host):
        """The late check: may instance_uuid run on host? Records it if so.

        :returns: None when the group's policy allows it (the member's host
            is recorded atomically), else the reason it does not.
        """
        def check(group, other_hosts):
            return violation(group['policy'], group['rules'], other_hosts,
                             host)
        return db.instance_group_place_member(group_uuid, instance_uuid,
                                              host, check)


@base.NovaLikeObjectRegistry.register
class InstanceGroupList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceGroup')}

    @classmethod
    @base.remotable
    def get_all(cls, context, project_id=None):
        groups = cls(context, objects=[
            InstanceGroup._from_db_object(context, InstanceGroup(), row)
            for row in db.instance_group_get_all(project_id)])
        groups.obj_reset_changes()
        return groups
