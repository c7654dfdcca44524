# SPDX-License-Identifier: Apache-2.0
"""InstanceMapping: which cell an instance lives in.

None while it is a build request.
"""

from oslo_versionedobjects import fields

from nova_like.db.api import instance_mappings as db
from nova_like.objects import base
from nova_like.objects import cell_mapping


@base.NovaLikeObjectRegistry.register
class InstanceMapping(base.NovaLikeObject):
    # Version 1.0: Initial version
    # Version 1.1: vcpus and memory_mb, what it counts against quota
    VERSION = '1.1'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'instance_uuid': fields.UUIDField(),
        'cell_mapping': fields.ObjectField('CellMapping', nullable=True),
        'project_id': fields.StringField(),
        'user_id': fields.StringField(nullable=True),
        'queued_for_delete': fields.BooleanField(default=False),
        'vcpus': fields.IntegerField(default=0),
        'memory_mb': fields.IntegerField(default=0),
    }

    @staticmethod
    def _from_db_object(context, mapping, db_mapping):
        cell_id = db_mapping.get('cell_id')
        mapping.cell_mapping = (
            cell_mapping.CellMapping.get_by_id(context, cell_id)
            if cell_id is not None else None)
        return base.from_db(context, mapping, db_mapping,
                            skip=('cell_mapping',))

    def _values(self):
        values = base.db_changes(self, exclude=('cell_mapping',))
        if 'cell_mapping' in self.obj_what_changed():
            values['cell_id'] = (self.cell_mapping.id
                                 if self.cell_mapping else None)
        return values

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:raises: InstanceMappingNotFound."""
        return cls._from_db_object(
            context, cls(),
            db.instance_mapping_get_by_instance_uuid(instance_uuid))

    @base.remotable
    def create(self):
        self._from_db_object(self._context, self,
                             db.instance_mapping_create(self._values()))

    @base.remotable
    def save(self):
        values = self._values()
        if values:
            self._from_db_object(
                self._context, self,
                db.instance_mapping_update(self.instance_uuid, values))

    @base.remotable
    def destroy(self):
        db.instance_mapping_delete(self.instance_uuid)
