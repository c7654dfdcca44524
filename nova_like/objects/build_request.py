# SPDX-License-Identifier: Apache-2.0
"""BuildRequest: a server the API accepted that no cell holds yet."""

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

from nova_like.db.api import build_requests as db
from nova_like.objects import base
from nova_like.objects import instance  # noqa: F401 (registers what requests hold)


@base.NovaLikeObjectRegistry.register
class BuildRequest(base.NovaLikeObject):
    # Version 1.0: Initial version
    # Version 1.1: Instance 1.1
    VERSION = '1.1'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'instance_uuid': fields.UUIDField(),
        'project_id': fields.StringField(),
        'instance': fields.ObjectField('Instance'),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, req, db_req):
        req.instance = base.from_primitive(
            context, jsonutils.loads(db_req['instance']))
        return base.from_db(context, req, db_req, skip=('instance',))

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:raises: BuildRequestNotFound."""
        return cls._from_db_object(
            context, cls(),
            db.build_request_get_by_instance_uuid(instance_uuid))

    @base.remotable
    def create(self):
        values = {'instance_uuid': self.instance_uuid,
                  'project_id': self.project_id,
                  'instance': jsonutils.dumps(
                      self.instance.obj_to_primitive())}
        self._from_db_object(self._context, self,
                             db.build_request_create(values))

    @base.remotable
    def destroy(self):
        """:raises: BuildRequestNotFound when it was already deleted."""
        db.build_request_delete(self.instance_uuid)

    def update_instance(self, updates):
        """Set updates on the Instance this request carries, and store it
        (not remotable: only the API changes a server no cell holds yet).

        :param updates: {field: value}.
        :raises: BuildRequestNotFound when the request is gone.
        """
        for key, value in updates.items():
            setattr(self.instance, key, value)
        db.build_request_update_instance(self.instance_uuid, jsonutils.dumps(
            self.instance.obj_to_primitive()))


@base.NovaLikeObjectRegistry.register
class BuildRequestList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('BuildRequest')}

    @classmethod
    @base.remotable
    def get_all(cls, context, project_id=None):
        return base.list_from_db(context, cls,
                                 db.build_request_get_all(project_id))
