# SPDX-License-Identifier: Apache-2.0
"""InstanceFault: what failed, where, for a server in ERROR."""

from oslo_versionedobjects import fields

from nova_like.db.main import instance_faults as db
from nova_like.objects import base


def add_fault(context, instance, message, host, details=None):
    """Record why instance failed, for the API's fault field."""
    InstanceFault(context, instance_uuid=instance.uuid, code=500,
                  message=message, details=details or message,
                  host=host).create()


@base.NovaLikeObjectRegistry.register
class InstanceFault(base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'instance_uuid': fields.UUIDField(),
        'code': fields.IntegerField(),
        'message': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, fault, db_fault):
        return base.from_db(context, fault, db_fault)

    @classmethod
    @base.remotable
    def get_latest_for_instance(cls, context, instance_uuid):
        faults = db.instance_fault_get_by_instance_uuids(
            context, [instance_uuid], latest=True)
        rows = faults.get(instance_uuid)
        return cls._from_db_object(context, cls(), rows[0]) if rows else None

    @base.remotable
    def create(self):
        values = base.db_changes(self)
        # The column holds 255 characters; the whole text stays in details.
        message = values.get('message')
        if message and len(message) > 255:
            values['message'] = message[:252] + '...'
            details = values.get('details')
            if not details:
                values['details'] = message
            elif not details.startswith(message):
                values['details'] = message + '\n\n' + details
        self._from_db_object(self._context, self,
                             db.instance_fault_create(self._context, values))


@base.NovaLikeObjectRegistry.register
class InstanceFaultList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceFault')}

    @classmethod
    @base.remotable
    def get_by_instance_uuids(cls, context, instance_uuids, latest=False):
        faults = db.instance_fault_get_by_instance_uuids(
            context, instance_uuids, latest=latest)
        rows = [row for uuid in instance_uuids for row in faults.get(uuid, [])]
        return base.list_from_db(context, cls, rows)
