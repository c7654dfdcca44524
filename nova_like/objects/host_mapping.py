# SPDX-License-Identifier: Apache-2.0
"""HostMapping: which cell a compute host belongs to."""

from oslo_versionedobjects import fields

from nova_like.db.api import host_mappings as db
from nova_like.objects import base
from nova_like.objects import cell_mapping


@base.NovaLikeObjectRegistry.register
class HostMapping(base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'host': fields.StringField(),
        'cell_mapping': fields.ObjectField('CellMapping'),
    }

    @staticmethod
    def _from_db_object(context, mapping, db_mapping):
        mapping.cell_mapping = cell_mapping.CellMapping.get_by_id(
            context, db_mapping['cell_id'])
        return base.from_db(context, mapping, db_mapping,
                            skip=('cell_mapping',))

    @classmethod
    @base.remotable
    def get_by_host(cls, context, host):
        """:raises: HostMappingNotFound."""
        return cls._from_db_object(context, cls(),
                                   db.host_mapping_get_by_host(host))

    @base.remotable
    def create(self):
        values = {'host': self.host, 'cell_id': self.cell_mapping.id}
        self._from_db_object(self._context, self,
                             db.host_mapping_create(values))

    @base.remotable
    def destroy(self):
        db.host_mapping_delete(self.host)


@base.NovaLikeObjectRegistry.register
class HostMappingList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('HostMapping')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.list_from_db(context, cls,
                                 db.host_mapping_get_all())
