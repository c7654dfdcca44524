# SPDX-License-Identifier: Apache-2.0
"""CellMapping: where a cell's database and message bus are."""

from oslo_versionedobjects import fields

from nova_like.db.api import cell_mappings as db
from nova_like.objects import base

CELL0_UUID = '00000000-0000-0000-0000-000000000000'


@base.NovaLikeObjectRegistry.register
class CellMapping(base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'transport_url': fields.StringField(nullable=True),
        'database_connection': fields.StringField(nullable=True),
        'disabled': fields.BooleanField(default=False),
    }

    @property
    def is_cell0(self):
        return self.uuid == CELL0_UUID

    @staticmethod
    def _from_db_object(context, cell, db_cell):
        return base.from_db(context, cell, db_cell)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        """:raises: CellMappingNotFound."""
        return cls._from_db_object(context, cls(),
                                   db.cell_mapping_get_by_uuid(uuid))

    @classmethod
    @base.remotable
    def get_by_id(cls, context, cell_id):
        return cls._from_db_object(context, cls(),
                                   db.cell_mapping_get_by_id(cell_id))

    @base.remotable
    def create(self):
        self._from_db_object(
            self._context, self,
            db.cell_mapping_create(base.db_changes(self)))

    @base.remotable
    def save(self):
        values = base.db_changes(self)
        if values:
            self._from_db_object(
                self._context, self,
                db.cell_mapping_update(self.uuid, values))

    @base.remotable
    def destroy(self):
        db.cell_mapping_delete(self.uuid)


@base.NovaLikeObjectRegistry.register
class CellMappingList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('CellMapping')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.list_from_db(context, cls,
                                 db.cell_mapping_get_all())
