# SPDX-License-Identifier: Apache-2.0
"""RequestSpec: what the scheduler needs to place a server.

It is kept for reschedules.
"""

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

from nova_like.db.api import request_specs as db
from nova_like.objects import base


@base.NovaLikeObjectRegistry.register
class RequestSpec(base.NovaLikeObject):
    # Version 1.0: Initial version
    # Version 1.1: requested_networks, security_groups
    # Version 1.2: requested_destination
    VERSION = '1.2'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'instance_uuid': fields.UUIDField(),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('Flavor', nullable=True),
        'image': fields.DictOfNullableStringsField(default={}),
        'num_instances': fields.IntegerField(default=1),
        'availability_zone': fields.StringField(nullable=True),
        'scheduler_hints': fields.DictOfListOfStringsField(default={}),
        'ignore_hosts': fields.ListOfStringsField(default=[]),
        'force_hosts': fields.ListOfStringsField(default=[]),
        'force_nodes': fields.ListOfStringsField(default=[]),
        # None (no networks asked for), or [{'network_id', 'port_id',
        # 'fixed_ip', 'tag'}], a lone network_id 'auto' or 'none' meaning
        # what 2.37's networks: "auto" / "none" mean.
        'requested_networks': base.JsonField(nullable=True, default=None),
        # Security group names or ids; empty: the project's default.
        'security_groups': fields.ListOfStringsField(default=[]),
        # 2.74's host / hypervisor_hostname: {'host', 'node'} (either may
        # be None); the filters still apply, unlike force_hosts/nodes.
        'requested_destination': fields.DictOfNullableStringsField(
            nullable=True, default=None),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if tuple(int(x) for x in target_version.split('.')) < (1, 1):
            primitive.pop('requested_networks', None)
            primitive.pop('security_groups', None)
        if tuple(int(x) for x in target_version.split('.')) < (1, 2):
            primitive.pop('requested_destination', None)

    @staticmethod
    def _from_db_object(context, spec, db_spec):
        primitive = jsonutils.loads(db_spec['spec'])
        loaded = base.from_primitive(None, primitive)
        for name in spec.fields:
            if name != 'id' and loaded.obj_attr_is_set(name):
                setattr(spec, name, getattr(loaded, name))
        spec.id = db_spec['id']
        spec._context = context
        spec.obj_reset_changes(recursive=True)
        return spec

    def _spec_text(self):
        """The spec as stored: its primitive without the row's id."""
        primitive = self.obj_to_primitive()
        primitive[self._obj_primitive_key('data')].pop('id', None)
        changes = primitive.get(self._obj_primitive_key('changes'))
        if changes and 'id' in changes:
            changes.remove('id')
        return jsonutils.dumps(primitive)

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:raises: RequestSpecNotFound."""
        return cls._from_db_object(
            context, cls(),
            db.request_spec_get_by_instance_uuid(instance_uuid))

    @base.remotable
    def create(self):
        self._from_db_object(self._context, self, db.request_spec_create(
            {'instance_uuid': self.instance_uuid, 'spec': self._spec_text()}))

    @base.remotable
    def save(self):
        self._from_db_object(self._context, self, db.request_spec_update(
            self.instance_uuid, {'spec': self._spec_text()}))

    @base.remotable
    def destroy(self):
        db.request_spec_delete(self.instance_uuid)
