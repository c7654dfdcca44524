# SPDX-License-Identifier: Apache-2.0
"""BlockDeviceMapping: one disk of an instance, a volume's attachment."""

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

from nova_like.db.main import block_device_mappings as db
from nova_like.objects import base

SOURCE_TYPES = ('blank', 'image', 'snapshot', 'volume')
DESTINATION_TYPES = ('local', 'volume')


@base.NovaLikeObjectRegistry.register
class BlockDeviceMapping(base.NovaLikePersistentObject, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = dict(base.NovaLikePersistentObject.fields, **{
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'instance_uuid': fields.UUIDField(),
        'source_type': fields.StringField(nullable=True),
        'destination_type': fields.StringField(nullable=True),
        'device_name': fields.StringField(nullable=True),
        'device_type': fields.StringField(nullable=True),
        'disk_bus': fields.StringField(nullable=True),
        'boot_index': fields.IntegerField(nullable=True),
        'delete_on_termination': fields.BooleanField(default=False),
        'volume_id': fields.UUIDField(nullable=True),
        'volume_size': fields.IntegerField(nullable=True),
        'snapshot_id': fields.UUIDField(nullable=True),
        'image_id': fields.UUIDField(nullable=True),
        'attachment_id': fields.UUIDField(nullable=True),
        # Cinder's connection_info, as JSON text (Nova keeps it so too).
        'connection_info': fields.StringField(nullable=True),
        'tag': fields.StringField(nullable=True),
        'volume_type': fields.StringField(nullable=True),
    })

    @staticmethod
    def _from_db_object(context, bdm, db_bdm):
        return base.from_db(context, bdm, db_bdm)

    @property
    def is_volume(self):
        return self.destination_type == 'volume'

    def connection(self):
        """connection_info as a dict ({} when there is none yet)."""
        text = base.field_value(self, 'connection_info')
        return jsonutils.loads(text) if text else {}

    @classmethod
    @base.remotable
    def get_by_volume_and_instance(cls, context, volume_id, instance_uuid):
        """:raises: VolumeBDMNotFound."""
        return cls._from_db_object(context, cls(),
                                   db.bdm_get_by_volume_and_instance(
                                       context, volume_id, instance_uuid))

    @base.remotable
    def create(self):
        """:raises: ObjectActionError when already created."""
        base.ensure_new(self)
        self._from_db_object(self._context, self, db.bdm_create(
            self._context, base.db_changes(self)))

    @base.remotable
    def save(self):
        """:raises: VolumeBDMNotFound when it was destroyed meanwhile."""
        values = base.db_changes(self)
        if values:
            self._from_db_object(self._context, self, db.bdm_update(
                self._context, self.uuid, values))

    @base.remotable
    def destroy(self):
        """Soft-delete; a mapping already gone is not an error."""
        db.bdm_destroy(self._context, self.uuid)


@base.NovaLikeObjectRegistry.register
class BlockDeviceMappingList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('BlockDeviceMapping')}

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        rows = db.bdm_get_by_instance_uuids(context, [instance_uuid])
        return base.list_from_db(context, cls, rows.get(instance_uuid, []))

    @classmethod
    @base.remotable
    def get_by_instance_uuids(cls, context, instance_uuids):
        """Every live mapping of these instances, by instance then age."""
        rows = db.bdm_get_by_instance_uuids(context, instance_uuids)
        return base.list_from_db(context, cls, [
            row for uuid in instance_uuids for row in rows.get(uuid, [])])

    def volumes(self):
        """The mappings that are volumes."""
        return [bdm for bdm in self.objects if bdm.is_volume]
